//! Program arguments typed on one line, split the way a POSIX shell would (quotes and
//! backslashes), so `--name "a b"` reaches the job as two arguments; and the reverse, to show a
//! list as a line that splits back to the same list.

/// Splits `line` into arguments: whitespace separates; `'…'` is literal; `"…"` allows `\"` and
/// `\\`; a backslash outside quotes escapes the next character. An unclosed quote is an error.
pub fn split_args(line: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut in_arg = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_arg {
                    args.push(std::mem::take(&mut cur));
                    in_arg = false;
                }
            }
            '\'' => {
                in_arg = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => cur.push(c),
                        None => return Err("A single quote (') is not closed.".into()),
                    }
                }
            }
            '"' => {
                in_arg = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => cur.push(c),
                            Some(c) => {
                                cur.push('\\');
                                cur.push(c);
                            }
                            None => return Err("A double quote (\") is not closed.".into()),
                        },
                        Some(c) => cur.push(c),
                        None => return Err("A double quote (\") is not closed.".into()),
                    }
                }
            }
            '\\' => {
                in_arg = true;
                match chars.next() {
                    Some(c) => cur.push(c),
                    None => return Err("The line ends with a lone backslash.".into()),
                }
            }
            c => {
                in_arg = true;
                cur.push(c);
            }
        }
    }
    if in_arg {
        args.push(cur);
    }
    Ok(args)
}

/// Quotes one argument for a shell line (left bare when that is safe).
pub fn quote_arg(arg: &str) -> String {
    let safe = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if safe {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// The arguments as one line that [`split_args`] turns back into the same list.
pub fn join_args(args: &[String]) -> String {
    args.iter()
        .map(|a| quote_arg(a))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splits_on_whitespace_and_honours_quotes() {
        assert_eq!(
            split_args("  --rate 50   --label dev ").unwrap(),
            v(&["--rate", "50", "--label", "dev"])
        );
        assert_eq!(
            split_args(r#"--label "my job" --path 'a b/c'"#).unwrap(),
            v(&["--label", "my job", "--path", "a b/c"])
        );
        assert_eq!(
            split_args(r#"--x "say \"hi\"" --y it\'s"#).unwrap(),
            v(&["--x", "say \"hi\"", "--y", "it's"])
        );
        assert_eq!(
            split_args(r#"--empty "" --glued a"b c"d"#).unwrap(),
            v(&["--empty", "", "--glued", "ab cd"])
        );
        assert_eq!(split_args(r#""C:\temp\x""#).unwrap(), v(&[r"C:\temp\x"]));
        assert_eq!(split_args("").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn unclosed_quotes_are_errors() {
        assert!(split_args("--label 'oops")
            .unwrap_err()
            .contains("single quote"));
        assert!(split_args("--label \"oops")
            .unwrap_err()
            .contains("double quote"));
        assert!(split_args("trailing \\").is_err());
    }

    #[test]
    fn joining_quotes_what_needs_it_and_round_trips() {
        let args = v(&[
            "--rate", "50", "--label", "my job", "it's", "", "a\"b", "--k=v",
        ]);
        let line = join_args(&args);
        assert_eq!(
            line,
            r#"--rate 50 --label 'my job' 'it'\''s' '' 'a"b' --k=v"#
        );
        assert_eq!(split_args(&line).unwrap(), args);
    }
}
