//! Error-body messages with `{placeholders}`; `{{` and `}}` stand for literal braces.

/// A piece of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A placeholder name, with its byte range in the message (braces included).
    Var(&'a str, usize, usize),
}

/// Splits a message into text and placeholders. `Err((start, end))` locates an unclosed
/// `{` or a lone `}`.
pub fn pieces(message: &str) -> Result<Vec<Piece<'_>>, (usize, usize)> {
    let mut out = Vec::new();
    let bytes = message.as_bytes();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'}' if bytes.get(i + 1) == Some(&bytes[i]) => {
                out.push(Piece::Text(&message[text_start..=i]));
                i += 2;
                text_start = i;
            }
            b'{' => {
                let Some(close) = message[i..].find('}').map(|c| c + i) else {
                    return Err((i, message.len()));
                };
                if text_start < i {
                    out.push(Piece::Text(&message[text_start..i]));
                }
                out.push(Piece::Var(&message[i + 1..close], i, close + 1));
                i = close + 1;
                text_start = i;
            }
            b'}' => return Err((i, i + 1)),
            _ => i += 1,
        }
    }
    if text_start < message.len() {
        out.push(Piece::Text(&message[text_start..]));
    }
    Ok(out)
}

/// Fills a message's placeholders with `value(name)`; a malformed message is returned as is.
pub fn fill(message: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let Ok(ps) = pieces(message) else {
        return message.to_string();
    };
    let mut out = String::with_capacity(message.len() + 16);
    for p in ps {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Var(name, ..) => match value(name) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_escapes() {
        let filled = fill("Required: {required} {{literal}}", |n| (n == "required").then(|| "a | b".into()));
        assert_eq!(filled, "Required: a | b {literal}");
        assert_eq!(pieces("oops {x"), Err((5, 7)));
        assert_eq!(pieces("oops }"), Err((5, 6)));
    }
}
