//! A long JSON list decoded a few elements at a time: between pieces the browser gets the main
//! thread back (input, drawing), so a 60 MB answer of 100,000 segments never freezes the page for
//! the whole of its decoding. Small answers are decoded in one go.

use super::error::{decode_json, NetError};
use serde::de::DeserializeOwned;

/// Answers up to this size are decoded in one go.
const IN_ONE_GO: usize = 1 << 20;
/// The longest stretch of decoding between two breaks, in milliseconds.
const SLICE_MS: f64 = 30.0;
/// Elements decoded between two looks at the clock.
const CLOCK_EVERY: usize = 32;

/// Reads the elements of a top-level JSON array one at a time: serde finds where each ends, so
/// nothing scans the text twice.
pub struct ListReader<'a> {
    body: &'a str,
    /// Where the next element starts (after `[` or a `,` and blanks).
    pos: usize,
    done: bool,
}

/// One step of a [`ListReader`].
pub enum Step<T> {
    /// The next element.
    Item(T),
    /// The array ended, with nothing but blanks after it.
    End,
    /// Not an array, an element that does not decode, or something after the array.
    Bad,
}

/// Past the blanks at `i`: the four that JSON allows (not form feed, as `is_ascii_whitespace`).
fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\n' | b'\t' | b'\r')) {
        i += 1;
    }
    i
}

impl<'a> ListReader<'a> {
    /// A reader of `body`, or `None` when it does not start as an array.
    pub fn new(body: &'a str) -> Option<ListReader<'a>> {
        let b = body.as_bytes();
        let at = skip_blanks(b, 0);
        (b.get(at) == Some(&b'[')).then(|| ListReader {
            body,
            pos: skip_blanks(b, at + 1),
            done: false,
        })
    }

    /// The next element.
    pub fn read<T: DeserializeOwned>(&mut self) -> Step<T> {
        let b = self.body.as_bytes();
        if self.done || b.get(self.pos) == Some(&b']') {
            self.done = true;
            return match skip_blanks(b, self.pos + 1) == b.len() {
                true => Step::End,
                false => Step::Bad,
            };
        }
        let Some(rest) = self.body.get(self.pos..) else {
            return Step::Bad;
        };
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<T>();
        let Some(Ok(item)) = values.next() else {
            return Step::Bad;
        };
        let after = skip_blanks(b, self.pos + values.byte_offset());
        match b.get(after) {
            Some(b',') if b.get(skip_blanks(b, after + 1)) != Some(&b']') => {
                self.pos = skip_blanks(b, after + 1)
            }
            Some(b']') => self.pos = after,
            _ => return Step::Bad,
        }
        Step::Item(item)
    }
}

/// Decodes the JSON array `body` into a list, element by element, letting the browser run
/// between slices of about 30 ms. A body that is not one whole array, or with an element that
/// does not decode, is decoded whole instead, for the usual error (with its JSON path).
pub async fn decode_list<T: DeserializeOwned>(
    body: &str,
    content_type: &str,
) -> Result<Vec<T>, NetError> {
    let reader = (body.len() > IN_ONE_GO)
        .then(|| ListReader::new(body))
        .flatten();
    let Some(mut reader) = reader else {
        return decode_json(body, content_type);
    };
    let mut out = Vec::new();
    let mut since = super::request::now_ms();
    loop {
        match reader.read() {
            Step::Item(v) => out.push(v),
            Step::End => return Ok(out),
            Step::Bad => return decode_json(body, content_type),
        }
        if out.len() == 1 {
            // Room for as many elements as the answer holds if they are all the size of the first:
            // the list is not moved again and again as it grows.
            out.reserve(body.len() / reader.pos.max(1));
        }
        if out.len() % CLOCK_EVERY == 0 && super::request::now_ms() - since > SLICE_MS {
            super::request::yield_now().await;
            since = super::request::now_ms();
        }
    }
}

/// [`decode_list`] without the breaks, or `None` where it would decode the body whole.
pub fn read_all<T: DeserializeOwned>(body: &str) -> Option<Vec<T>> {
    let mut reader = ListReader::new(body)?;
    let mut out = Vec::new();
    loop {
        match reader.read() {
            Step::Item(v) => out.push(v),
            Step::End => return Some(out),
            Step::Bad => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn reads_every_element_of_a_top_level_array() {
        let body = r#" [ {"a": "x,]}\"[", "b": [1, {"c": 2}]}, 3 , "s\"", [] , null ] "#;
        let whole: Vec<Value> = serde_json::from_str(body).unwrap();
        assert_eq!(read_all::<Value>(body).unwrap(), whole);
        assert_eq!(read_all::<Value>("[]").unwrap(), Vec::<Value>::new());
        assert_eq!(read_all::<Value>(" [ ] \n").unwrap(), Vec::<Value>::new());
        assert_eq!(read_all::<u32>("[1,2 ,3]").unwrap(), [1, 2, 3]);
    }

    #[test]
    fn what_is_not_one_whole_array_is_left_to_the_full_decoder() {
        for bad in [
            "{}", "", "[1, 2", "[1,, 2]", "[1] x", "[1]]", "[{]", "[,1]", "[1,]", "[1 2]",
        ] {
            assert_eq!(read_all::<Value>(bad), None, "{bad}");
            assert!(
                serde_json::from_str::<Vec<Value>>(bad).is_err(),
                "{bad} is JSON after all"
            );
        }
        // An element of another shape: the whole decode says where.
        assert_eq!(read_all::<u32>("[1, \"two\"]"), None);
    }

    #[test]
    fn recorded_lists_read_as_they_decode_whole() {
        for body in [
            include_str!("../systems/druid/fixtures/tasks.json"),
            include_str!("../systems/druid/fixtures/coordinator-servers.json"),
        ] {
            let whole: Vec<Value> = serde_json::from_str(body).unwrap();
            assert_eq!(read_all::<Value>(body).unwrap(), whole);
        }
    }
}
