//! Splitting `--driver 'CMD ARGS'` into words without a shell: synack
//! starts the program itself, so no shell quoting, globbing or expansion
//! can surprise anyone, and the same string works on every platform.

/// The words of `command`: split at unquoted whitespace; `'...'` keeps
/// everything literally, `"..."` keeps everything but `\"` and `\\`, and
/// a backslash outside quotes escapes the next character. Errors on an
/// unterminated quote or an empty command, in one line.
pub fn split(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    // `None` between words; `Some` while one is being built, even an empty
    // one (`''` is a word).
    let mut word: Option<String> = None;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err(format!("unterminated ' in `{command}`")),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err(format!("unterminated \" in `{command}`")),
                        },
                        Some(c) => w.push(c),
                        None => return Err(format!("unterminated \" in `{command}`")),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.next());
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    if words.is_empty() {
        return Err("the driver command is empty".into());
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn words_quotes_and_escapes() {
        assert_eq!(
            split("python3  d.py -v").unwrap(),
            ["python3", "d.py", "-v"]
        );
        assert_eq!(
            split(r#"a 'b c' "d \"e\"" f\ g ''"#).unwrap(),
            ["a", "b c", "d \"e\"", "f g", ""]
        );
        assert!(split("a 'b").is_err());
        assert!(split("   ").is_err());
    }
}
