//! A long JSON list decoded a few elements at a time: between pieces the browser gets the main
//! thread back (input, drawing), so a 60 MB answer of 100,000 segments never freezes the page for
//! the whole of its decoding. Small answers are decoded in one go.

use super::error::{decode_json, NetError};
use serde::de::DeserializeOwned;

/// Answers up to this size are decoded in one go.
const IN_ONE_GO: usize = 1 << 20;
/// The longest stretch of decoding between two breaks, in milliseconds.
const SLICE_MS: f64 = 25.0;

/// Where each element of the top-level JSON array `body` begins and ends (byte offsets), or
/// `None` when `body` is not an array or does not scan (then the caller decodes it whole, which
/// gives the usual error with its JSON path). Strings are skipped with their escapes, so brackets
/// and commas inside them do not count.
pub fn element_spans(body: &str) -> Option<Vec<(usize, usize)>> {
    let b = body.as_bytes();
    let mut i = b.iter().position(|c| !c.is_ascii_whitespace())?;
    if b[i] != b'[' {
        return None;
    }
    i += 1;
    let mut spans = Vec::new();
    let (mut depth, mut start, mut in_string, mut after_comma) =
        (0usize, None::<usize>, false, false);
    while i < b.len() {
        let c = b[i];
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' if depth == 0 => {
                    if after_comma {
                        return None;
                    }
                    if let Some(s) = start.take() {
                        spans.push((s, i));
                    }
                    let rest_is_blank = b[i + 1..].iter().all(u8::is_ascii_whitespace);
                    return rest_is_blank.then_some(spans);
                }
                b']' | b'}' => depth = depth.checked_sub(1)?,
                b',' if depth == 0 => {
                    spans.push((start.take()?, i));
                    after_comma = true;
                }
                _ => {}
            }
            if start.is_none() && !c.is_ascii_whitespace() && c != b',' {
                start = Some(i);
                after_comma = false;
            }
        }
        i += 1;
    }
    None
}

/// Decodes the JSON array `body` into a list, element by element, letting the browser run
/// between slices of about 25 ms. Any element that does not decode makes it decode the whole
/// body at once instead, for the usual error (with its JSON path).
pub async fn decode_list<T: DeserializeOwned>(
    body: &str,
    content_type: &str,
) -> Result<Vec<T>, NetError> {
    if body.len() <= IN_ONE_GO {
        return decode_json(body, content_type);
    }
    let Some(spans) = element_spans(body) else {
        return decode_json(body, content_type);
    };
    let mut out = Vec::with_capacity(spans.len());
    let mut since = super::request::now_ms();
    for (from, to) in spans {
        match serde_json::from_str::<T>(&body[from..to]) {
            Ok(v) => out.push(v),
            Err(_) => return decode_json(body, content_type),
        }
        if super::request::now_ms() - since > SLICE_MS {
            super::request::sleep_ms(0).await;
            since = super::request::now_ms();
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(body: &str) -> Option<Vec<&str>> {
        element_spans(body).map(|s| s.into_iter().map(|(a, b)| body[a..b].trim()).collect())
    }

    #[test]
    fn splits_a_top_level_array_into_its_elements() {
        assert_eq!(
            pieces(r#" [ {"a": "x,]}\"[", "b": [1, {"c": 2}]}, 3 , "s\"", [] , null ] "#).unwrap(),
            [
                r#"{"a": "x,]}\"[", "b": [1, {"c": 2}]}"#,
                "3",
                r#""s\"""#,
                "[]",
                "null"
            ]
        );
        assert_eq!(pieces("[]").unwrap(), Vec::<&str>::new());
        assert_eq!(pieces(" [ ] \n").unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn what_is_not_one_whole_array_is_left_to_the_full_decoder() {
        for bad in [
            "{}", "", "[1, 2", "[1,, 2]", "[1] x", "[1]]", "[{]", "[,1]", "[1,]",
        ] {
            assert_eq!(element_spans(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_element_decodes_alone_as_in_the_whole() {
        for body in [
            include_str!("../systems/druid/fixtures/tasks.json"),
            include_str!("../systems/druid/fixtures/coordinator-servers.json"),
        ] {
            let whole: Vec<serde_json::Value> = serde_json::from_str(body).unwrap();
            let spans = element_spans(body).unwrap();
            assert_eq!(spans.len(), whole.len());
            for ((a, b), v) in spans.into_iter().zip(&whole) {
                assert_eq!(
                    &serde_json::from_str::<serde_json::Value>(&body[a..b]).unwrap(),
                    v
                );
            }
        }
    }
}
