//! The JSON path at a byte of a document, for naming where a decode failed.
//!
//! serde_json reports only a line and column; this scanner walks the document up to that point and
//! names the value there the way users read paths: `jobs[1].id`, `[0]`, or `.` for the document
//! itself. One small non-generic function instead of a path-tracking wrapper around every
//! deserializer (which the bundle pays for once per decoded type).

/// One step into a document.
enum Frame {
    /// Inside an object: the key last read, and whether its value is being read.
    Object { key: Option<String>, in_value: bool },
    /// Inside an array: the current element, and whether it is being read.
    Array { index: usize, in_value: bool },
}

/// The byte offset of serde_json's `line`/`column` (1-based line; column = bytes since the line's
/// start, as serde_json counts them) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)
            .unwrap_or(text.len())
    };
    (start + column).min(text.len())
}

/// The path of the value serde_json was reading when it failed at `line`/`column` of `text`.
///
/// serde_json's position is just after the byte that failed (the end of a scalar, the `}` of an
/// object missing a field) or, for a value of the wrong kind that is an object or array, at its
/// opening bracket.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return ".".into();
    }
    let offset = offset_of(text, line, column);
    let at = match bytes.get(offset) {
        Some(b'{' | b'[') => offset,
        _ => offset.saturating_sub(1).min(bytes.len() - 1),
    };
    render(&frames_at(bytes, at))
}

/// The open containers at byte `at`; the innermost one's key or index counts only while its value
/// is being read.
fn frames_at(bytes: &[u8], at: usize) -> Vec<Frame> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i <= at && i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' | b'[' => {
                start_value(&mut stack);
                if i == at {
                    return stack;
                }
                stack.push(if b == b'{' {
                    Frame::Object {
                        key: None,
                        in_value: false,
                    }
                } else {
                    Frame::Array {
                        index: 0,
                        in_value: true,
                    }
                });
            }
            b'}' | b']' => {
                if i == at {
                    leave_value(&mut stack);
                    return stack;
                }
                stack.pop();
                leave_value(&mut stack);
            }
            b':' => {
                if let Some(Frame::Object { in_value, .. }) = stack.last_mut() {
                    *in_value = true;
                }
            }
            b',' if i == at => {
                leave_value(&mut stack);
                return stack;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, in_value }) => {
                    *key = None;
                    *in_value = false;
                }
                Some(Frame::Array { index, in_value }) => {
                    *index += 1;
                    *in_value = true;
                }
                None => {}
            },
            b'"' => {
                let end = string_end(bytes, i);
                let is_key = matches!(
                    stack.last(),
                    Some(Frame::Object {
                        in_value: false,
                        ..
                    })
                );
                if is_key {
                    if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                        *key = Some(decode_key(&bytes[i..=end.min(bytes.len() - 1)]));
                    }
                    if at <= end {
                        // A key that failed (unknown field): the object is the place.
                        if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                            *key = None;
                        }
                        return stack;
                    }
                } else {
                    start_value(&mut stack);
                    if at <= end {
                        return stack;
                    }
                    leave_value(&mut stack);
                }
                i = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                // A number, true, false, null (or a stray byte): up to the next delimiter.
                let mut end = i;
                while end + 1 < bytes.len() && !b",]} \t\n\r:".contains(&bytes[end + 1]) {
                    end += 1;
                }
                start_value(&mut stack);
                if at <= end {
                    return stack;
                }
                leave_value(&mut stack);
                i = end;
            }
        }
        i += 1;
    }
    stack
}

/// A value begins in the innermost container.
fn start_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Object { in_value, .. } | Frame::Array { in_value, .. }) => *in_value = true,
        None => {}
    }
}

/// The value being read in the innermost container is complete.
fn leave_value(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Object { in_value, .. } | Frame::Array { in_value, .. }) => *in_value = false,
        None => {}
    }
}

/// The index of the quote that closes the string opening at `start` (the last byte when unclosed).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len() - 1
}

/// The text of a quoted key (escapes resolved; the raw text when it is not valid JSON).
fn decode_key(quoted: &[u8]) -> String {
    let raw = String::from_utf8_lossy(quoted);
    serde_json::from_str::<String>(&raw).unwrap_or_else(|_| {
        raw.trim_start_matches('"')
            .trim_end_matches('"')
            .to_string()
    })
}

/// `a.b[2].c`, or `.` for the document itself.
fn render(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Object {
                key: Some(key),
                in_value: true,
            } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Frame::Array {
                index,
                in_value: true,
            } => {
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
            _ => break,
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path serde_json's own error position leads to when decoding `json` as `T` fails.
    fn failing_path<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let e = serde_json::from_str::<T>(json).expect_err("the document must not decode");
        path_at(json, e.line(), e.column())
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Job {
        id: String,
        #[serde(default)]
        tasks: Vec<u32>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Overview {
        count: u32,
        jobs: Vec<Job>,
    }

    #[test]
    fn a_scalar_of_the_wrong_type_is_named_by_its_key_and_index() {
        assert_eq!(
            failing_path::<Overview>(r#"{"count":1,"jobs":[{"id":"a"},{"id":7}]}"#),
            "jobs[1].id"
        );
        assert_eq!(
            failing_path::<Overview>(r#"{"count":"one","jobs":[]}"#),
            "count"
        );
        assert_eq!(
            failing_path::<Overview>(r#"{"count":1,"jobs":[{"id":"a","tasks":[1,"x"]}]}"#),
            "jobs[0].tasks[1]"
        );
    }

    #[test]
    fn a_missing_field_is_named_by_the_object_that_lacks_it() {
        assert_eq!(
            failing_path::<Overview>(r#"{"count":1,"jobs":[{"id":"a"},{}]}"#),
            "jobs[1]"
        );
        assert_eq!(failing_path::<Overview>(r#"{"count":1}"#), ".");
    }

    #[test]
    fn an_object_or_array_of_the_wrong_kind_is_named_by_its_key() {
        assert_eq!(
            failing_path::<Overview>(r#"{"count":1,"jobs":{"id":"a"}}"#),
            "jobs"
        );
        assert_eq!(
            failing_path::<Overview>(r#"{"count": [1], "jobs": []}"#),
            "count"
        );
        assert_eq!(failing_path::<Vec<u32>>("[1, {\"a\": 1}]"), "[1]");
        assert_eq!(failing_path::<Vec<u32>>("[[1]]"), "[0]");
    }

    #[test]
    fn pretty_printed_documents_resolve_lines_and_columns() {
        let json =
            "{\n  \"count\": 1,\n  \"jobs\": [\n    {\"id\": \"a\"},\n    {\"id\": false}\n  ]\n}";
        assert_eq!(failing_path::<Overview>(json), "jobs[1].id");
    }

    #[test]
    fn keys_with_escapes_and_strings_with_brackets_do_not_confuse_the_scanner() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Odd {
            #[serde(rename = "a\"b")]
            quoted: String,
            n: u8,
        }
        assert_eq!(failing_path::<Odd>(r#"{"a\"b":"x}],{[\"","n":300}"#), "n");
        assert_eq!(
            failing_path::<std::collections::HashMap<String, u8>>(r#"{"k{1}":1,"k[2]":"two"}"#),
            "k[2]"
        );
    }

    #[test]
    fn text_that_is_not_json_and_empty_bodies_are_the_document_itself() {
        assert_eq!(failing_path::<Overview>("<html>Bad Gateway</html>"), ".");
        assert_eq!(failing_path::<Overview>(""), ".");
        assert_eq!(failing_path::<Vec<u32>>("7"), ".");
    }

    #[test]
    fn a_document_cut_short_names_the_value_it_ends_in() {
        assert_eq!(
            failing_path::<Overview>(r#"{"count":1,"jobs":[{"id":"a"},{"id":"b"#),
            "jobs[1].id"
        );
        assert_eq!(
            failing_path::<Overview>(r#"{"count":1,"jobs":[{"id":"a"},"#),
            "jobs"
        );
    }
}
