//! The calls an integration makes: `METHOD TARGET` lines, or an access log in common or
//! combined log format, or JSON lines with a method and a path.

/// One call, and the line it came from (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub method: String,
    pub target: String,
    pub line: usize,
}

/// A line that is none of the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub line: usize,
    pub text: String,
}

/// Reads calls from any mix of the accepted forms. Blank lines and `#` comments are
/// skipped; repeated calls are kept once.
pub fn read(text: &str) -> (Vec<Call>, Vec<Unreadable>) {
    let mut calls: Vec<Call> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut bad = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed = if line.starts_with('{') { json(line) } else { log(line).or_else(|| plain(line)) };
        match parsed {
            Some((method, target)) => {
                if seen.insert((method.clone(), target.clone())) {
                    calls.push(Call { method, target, line: i + 1 });
                }
            }
            None => bad.push(Unreadable { line: i + 1, text: line.chars().take(120).collect() }),
        }
    }
    (calls, bad)
}

fn is_method(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_uppercase() || b == b'-' || b == b'_')
}

/// `GET /v1/orders/1`
fn plain(line: &str) -> Option<(String, String)> {
    let mut words = line.split_whitespace();
    let (method, target) = (words.next()?, words.next()?);
    (is_method(method) && target.starts_with('/') && words.next().is_none())
        .then(|| (method.to_string(), target.to_string()))
}

/// `127.0.0.1 - - [10/Oct/2025:13:55:36 +0000] "GET /v1/orders/1 HTTP/1.1" 200 2326 …`
fn log(line: &str) -> Option<(String, String)> {
    let start = line.find('"')?;
    let rest = &line[start + 1..];
    let request = &rest[..rest.find('"')?];
    let mut words = request.split_whitespace();
    let (method, target) = (words.next()?, words.next()?);
    (is_method(method) && target.starts_with('/')).then(|| (method.to_string(), target.to_string()))
}

/// `{"method": "GET", "path": "/v1/orders/1"}` (also `target`, `url` or `uri`; a full URL
/// is cut to its path and query).
fn json(line: &str) -> Option<(String, String)> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    let method = v.get("method")?.as_str()?.to_ascii_uppercase();
    let target = ["path", "target", "uri", "url"].iter().find_map(|k| v.get(*k).and_then(|t| t.as_str()))?;
    let target = match target.find("://") {
        Some(i) => target[i + 3..].find('/').map_or("/", |j| &target[i + 3 + j..]),
        None => target,
    };
    (is_method(&method) && target.starts_with('/')).then(|| (method, target.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form() {
        let text = "# calls\nGET /a\n\n127.0.0.1 - - [10/Oct/2025:13:55:36 +0000] \"POST /b?x=1 HTTP/1.1\" 201 12 \"-\" \"curl\"\n{\"method\": \"patch\", \"url\": \"https://api.example.com/c/1\"}\nGET /a\nnonsense here\n";
        let (calls, bad) = read(text);
        let got: Vec<(&str, &str)> = calls.iter().map(|c| (c.method.as_str(), c.target.as_str())).collect();
        assert_eq!(got, [("GET", "/a"), ("POST", "/b?x=1"), ("PATCH", "/c/1")]);
        assert_eq!(bad, [Unreadable { line: 7, text: "nonsense here".into() }]);
    }
}
