//! A deterministic generator of random valid policies that use every construct of the
//! language, for property tests of the formatter (and of anything that must hold for every
//! policy).
//!
//! The text marks where whitespace goes: `SOFT` between tokens of a statement, `\n` between
//! statements. [`plain`] turns the marks into single spaces; [`relaid`] into random
//! whitespace; [`commented`] adds comments at random marks.

use super::requests::Rng;

/// Between two tokens of one statement.
pub const SOFT: char = '\u{1}';

const RESOURCES: &[&str] = &["notes", "patients", "orders", "billing.items", "sku-stock", "users", "files"];
const FIELDS: &[&str] = &["email", "phone", "contact.email", "items[].price", "ssn", "dob"];
const SEGMENTS: &[&str] = &["v1", "notes", "orders", "items", "users", "export", "a-b", "x.y"];
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    scopes: Vec<String>,
}

impl Gen<'_> {
    /// One statement: tokens joined by soft marks, then a line break (sometimes two).
    fn stmt(&mut self, level: usize, tokens: &[String]) {
        for _ in 0..level {
            self.out.push_str("    ");
        }
        self.out.push_str(&tokens.join(&SOFT.to_string()));
        self.out.push('\n');
        if self.rng.chance(15) {
            self.out.push('\n');
        }
    }

    fn text(&mut self, what: &str) -> String {
        let n = self.rng.below(1000);
        match self.rng.below(4) {
            0 => format!("\"{what} {n}\""),
            1 => format!("\"{what} with \\\"quotes\\\" and a # hash {n}\""),
            2 => format!("\"{what}: {} {n}\"", "long words ".repeat(1 + self.rng.below(8)).trim_end()),
            _ => format!("\"{what}\\t{n}\""),
        }
    }

    fn scope(&mut self) -> String {
        self.scopes[self.rng.below(self.scopes.len())].clone()
    }

    /// A scope expression over the declared scopes, parenthesized at random.
    fn expr(&mut self, depth: usize) -> String {
        if depth == 0 || self.rng.chance(40) {
            return self.scope();
        }
        let n = 2 + self.rng.below(2);
        let op = if self.rng.chance(50) { " | " } else { " & " };
        let parts: Vec<String> = (0..n).map(|_| self.expr(depth - 1)).collect();
        let joined = parts.join(op);
        if self.rng.chance(60) { format!("({joined})") } else { joined }
    }

    fn requirement(&mut self) -> String {
        match self.rng.below(10) {
            0 => "public".into(),
            1 => "authenticated".into(),
            _ => self.expr(2),
        }
    }

    fn list(&mut self, pool: &[&str], max: usize) -> String {
        let n = 1 + self.rng.below(max);
        let mut picked: Vec<&str> = Vec::new();
        for _ in 0..n {
            let p = pool[self.rng.below(pool.len())];
            if !picked.contains(&p) {
                picked.push(p);
            }
        }
        picked.join(", ")
    }

    fn policy_block(&mut self) {
        let title = self.text("Title");
        self.stmt(0, &["policy".into(), title, "{".into()]);
        if self.rng.chance(70) {
            let t = self.text("v");
            self.stmt(1, &["version".into(), t]);
        }
        if self.rng.chance(50) {
            self.stmt(1, &["docs".into(), "\"https://docs.example.com\"".into()]);
        }
        for i in 0..self.rng.below(3) {
            let mut t = vec!["server".into(), format!("\"https://api{i}.example.com\"")];
            if self.rng.chance(50) {
                t.push(self.text("Server"));
            }
            self.stmt(1, &t);
        }
        if self.rng.chance(30) {
            self.stmt(1, &["license".into(), "\"MIT\"".into(), "\"https://opensource.org/licenses/MIT\"".into()]);
        }
        for _ in 0..self.rng.below(3) {
            let t = self.text("Note");
            self.stmt(1, &["note".into(), t]);
        }
        self.stmt(0, &["}".into()]);
    }

    fn scope_decl(&mut self, level: usize, index: usize) {
        let name = self.scopes[index].clone();
        let access = ["read", "write", "admin"][self.rng.below(3)];
        let mut t = vec!["scope".into(), name, access.into()];
        if self.rng.chance(80) {
            t.push(self.text("Scope"));
        }
        // Options reference earlier scopes only, so there are no cycles.
        if index > 0 && self.rng.chance(30) {
            t.push("requires".into());
            t.push(self.scopes[self.rng.below(index)].clone());
        }
        if index > 0 && self.rng.chance(30) {
            t.push("implies".into());
            let a = self.scopes[self.rng.below(index)].clone();
            let b = self.scopes[self.rng.below(index)].clone();
            t.push(if a == b { a } else { format!("{a},{SOFT}{b}") });
        }
        if self.rng.chance(20) {
            t.push("since".into());
            t.push("\"2024-01\"".into());
        }
        if self.rng.chance(15) {
            t.push("deprecated".into());
            if self.rng.chance(50) {
                t.push(self.text("Why"));
            }
        }
        self.stmt(level, &t);
    }

    fn api(&mut self, index: usize) {
        let mut head = vec!["api".into(), format!("api{index}")];
        if self.rng.chance(70) {
            head.push(self.text("Api"));
        }
        head.push("{".into());
        self.stmt(0, &head);
        self.stmt(1, &["base".into(), format!("\"/b{index}\"")]);
        let scheme = match self.rng.below(3) {
            0 => "bearer".to_string(),
            1 => format!("header{SOFT}\"X-Key\""),
            _ => format!("query{SOFT}\"api_key\""),
        };
        let mut auth = vec!["auth".to_string(), scheme];
        for (k, env) in ["live", "test"].iter().enumerate().take(self.rng.below(3)) {
            let sep = if k == 0 { "" } else { "," };
            let mut f = format!("{sep}prefix{SOFT}\"k{index}_{env}_\"");
            if self.rng.chance(50) {
                f.push_str(&format!("{SOFT}length{SOFT}{}", 30 + self.rng.below(10)));
            }
            if self.rng.chance(50) {
                f.push_str(&format!("{SOFT}env{SOFT}{env}"));
            }
            auth.push(f);
        }
        self.stmt(1, &auth);
        if self.rng.chance(30) {
            let t = self.text("Header");
            self.stmt(1, &["header".into(), "\"X-Org\"".into(), "required".into(), t]);
        }
        if self.rng.chance(40) {
            self.stmt(1, &["keys".into(), "{".into()]);
            let kind = self.text("Kind");
            self.stmt(2, &["kind".into(), kind]);
            if self.rng.chance(50) {
                self.stmt(2, &["shown".into(), "once".into()]);
            }
            if self.rng.chance(50) {
                self.stmt(2, &["stored".into(), "sha256".into()]);
            }
            if self.rng.chance(50) {
                self.stmt(2, &["rotation".into(), "grace".into(), "24h".into()]);
            }
            if self.rng.chance(50) {
                self.stmt(2, &["expiry".into(), "optional".into()]);
            }
            if self.rng.chance(50) {
                let r = if self.rng.chance(50) { "immediate" } else { "5m" };
                self.stmt(2, &["revocation".into(), r.into()]);
            }
            if self.rng.chance(30) {
                let t = self.text("Audit");
                self.stmt(2, &["audit".into(), t]);
            }
            self.stmt(1, &["}".into()]);
        }
        if self.rng.chance(30) {
            self.errors(1);
        }
        if self.rng.chance(30) {
            let t = self.text("Api note");
            self.stmt(1, &["note".into(), t]);
        }
        let mut seen: Vec<(String, String)> = Vec::new();
        for _ in 0..1 + self.rng.below(8) {
            let method = METHODS[self.rng.below(METHODS.len())].to_string();
            let depth = 1 + self.rng.below(3);
            let mut path = String::new();
            for d in 0..depth {
                path.push('/');
                if d > 0 && self.rng.chance(30) {
                    path.push_str(&format!("{{p{d}}}"));
                } else {
                    path.push_str(SEGMENTS[self.rng.below(SEGMENTS.len())]);
                }
            }
            if seen.contains(&(method.clone(), path.clone())) {
                continue;
            }
            seen.push((method.clone(), path.clone()));
            self.endpoint(method, path);
        }
        self.stmt(0, &["}".into()]);
    }

    fn endpoint(&mut self, method: String, path: String) {
        let req = self.requirement();
        let mut t = vec![method, path, "requires".into(), req.replace(' ', &SOFT.to_string())];
        if self.rng.chance(80) {
            t.push(self.text("Summary"));
        }
        if !self.rng.chance(30) {
            self.stmt(1, &t);
            return;
        }
        t.push("{".into());
        self.stmt(1, &t);
        for k in 0..1 + self.rng.below(3) {
            match self.rng.below(6) {
                0 | 1 => {
                    let kw = if self.rng.chance(50) { "strip" } else { "mask" };
                    let fields = self.list(FIELDS, 2).replace(' ', &SOFT.to_string());
                    let mut s = vec![kw.into(), fields];
                    if self.rng.chance(80) {
                        s.push("unless".into());
                        s.push(self.expr(1).replace(' ', &SOFT.to_string()));
                    }
                    self.stmt(2, &s);
                }
                2 => {
                    let mut s = vec!["filter".into(), format!("only_{k}")];
                    if self.rng.chance(50) {
                        s.push(self.text("Filter"));
                    }
                    if self.rng.chance(70) {
                        s.push("unless".into());
                        s.push(self.scope());
                    }
                    self.stmt(2, &s);
                }
                3 => {
                    let cond = if self.rng.chance(50) { format!("?full{k}=true") } else { format!("?expand{k}") };
                    let req = self.requirement().replace(' ', &SOFT.to_string());
                    self.stmt(2, &["when".into(), cond, "requires".into(), req]);
                }
                4 => {
                    let mut s =
                        vec!["query".into(), format!("q{k}"), ["required", "optional"][self.rng.below(2)].into()];
                    if self.rng.chance(50) {
                        s.push(self.text("Param"));
                    }
                    self.stmt(2, &s);
                }
                _ => {
                    let t = self.text("Endpoint note");
                    self.stmt(2, &["note".into(), t]);
                }
            }
        }
        self.stmt(1, &["}".into()]);
    }

    fn errors(&mut self, level: usize) {
        self.stmt(level, &["errors".into(), "{".into()]);
        if self.rng.chance(70) {
            self.stmt(level + 1, &["403".into(), "forbidden".into(), "\"Missing {required}\"".into()]);
        }
        if self.rng.chance(50) {
            self.stmt(level + 1, &["401".into(), "unauthorized".into(), "\"No key\"".into()]);
        }
        if self.rng.chance(30) {
            self.stmt(level + 1, &["trace".into(), "\"trace_id\"".into()]);
        }
        self.stmt(level, &["}".into()]);
    }

    fn test_block(&mut self, apis: usize, index: usize) {
        self.stmt(0, &["test".into(), format!("\"case {index}\""), "{".into()]);
        for _ in 0..1 + self.rng.below(4) {
            let method = METHODS[self.rng.below(METHODS.len())].to_string();
            let api = self.rng.below(apis);
            let mut t = vec![method, format!("/b{api}/{}", SEGMENTS[self.rng.below(SEGMENTS.len())])];
            if self.rng.chance(20) {
                t.push("api".into());
                t.push(format!("api{api}"));
            }
            if self.rng.chance(80) {
                t.push("with".into());
                if self.rng.chance(15) {
                    t.push("no".into());
                    t.push("scopes".into());
                } else {
                    let a = self.scope();
                    let b = self.scope();
                    t.push(if a == b { a } else { format!("{a},{SOFT}{b}") });
                }
                if self.rng.chance(20) {
                    t.push("via".into());
                    t.push("bearer".into());
                }
            }
            t.push("=>".into());
            match self.rng.below(6) {
                0 => {
                    t.push("allow".into());
                    if self.rng.chance(40) {
                        t.push("strip".into());
                        t.push(FIELDS[self.rng.below(FIELDS.len())].into());
                    }
                    if self.rng.chance(30) {
                        t.push("mask".into());
                        t.push(FIELDS[self.rng.below(FIELDS.len())].into());
                    }
                }
                1 => {
                    t.push("deny".into());
                    if self.rng.chance(60) {
                        t.push("missing".into());
                        t.push(self.expr(1).replace(' ', &SOFT.to_string()));
                    }
                }
                2 => t.push("unauthenticated".into()),
                3 => t.push("not-found".into()),
                4 => t.push("method-not-allowed".into()),
                _ => t.push("rejected".into()),
            }
            self.stmt(1, &t);
        }
        self.stmt(0, &["}".into()]);
    }
}

/// A random valid policy, with whitespace marks (see the module docs).
pub fn marked(rng: &mut Rng) -> String {
    let n = 1 + rng.below(8);
    let mut scopes: Vec<String> = Vec::new();
    while scopes.len() < n {
        let resource = RESOURCES[rng.below(RESOURCES.len())];
        let name = match rng.below(5) {
            0 => format!("{resource}_read"),
            1 => format!("\"https://example.com/auth/{resource}\""),
            _ => format!("{}:{resource}", ["read", "write", "admin"][rng.below(3)]),
        };
        if !scopes.contains(&name) {
            scopes.push(name);
        }
    }
    let mut g = Gen { rng, out: String::new(), scopes };
    g.policy_block();
    // Scopes: some at the top level, the rest in groups.
    let mut i = 0;
    while i < n {
        if g.rng.chance(50) {
            g.scope_decl(0, i);
            i += 1;
        } else {
            let name = format!("\"Group {i}\"");
            g.stmt(0, &["group".into(), name, "{".into()]);
            if g.rng.chance(30) {
                let t = g.text("Group note");
                g.stmt(1, &["note".into(), t]);
            }
            let end = (i + 1 + g.rng.below(3)).min(n);
            while i < end {
                g.scope_decl(1, i);
                i += 1;
            }
            g.stmt(0, &["}".into()]);
        }
    }
    if g.rng.chance(30) {
        let target = g.scope();
        let mut t = vec!["alias".into(), "legacy:scope".into(), "=".into(), target];
        if g.rng.chance(50) {
            t.push("deprecated".into());
            t.push(g.text("Legacy"));
        }
        g.stmt(0, &t);
    }
    if g.rng.chance(30) {
        g.errors(0);
    }
    let apis = 1 + g.rng.below(2);
    for a in 0..apis {
        g.api(a);
    }
    for b in 0..g.rng.below(3) {
        let a = g.scope();
        let c = g.scope();
        let list = if a == c { a } else { format!("{a},{SOFT}{c}") };
        let mut t = vec!["bundle".into(), format!("\"Bundle {b}\""), "=".into(), list];
        if g.rng.chance(50) {
            t.push(g.text("Bundle"));
        }
        g.stmt(0, &t);
    }
    if g.rng.chance(30) {
        let mut t = vec!["forbid".into(), format!("visits,{SOFT}lab_values")];
        if g.rng.chance(70) {
            t.push(g.text("Forbidden"));
        }
        g.stmt(0, &t);
    }
    for k in 0..g.rng.below(3) {
        g.test_block(apis, k);
    }
    g.out
}

/// The policy with single spaces between tokens.
pub fn plain(marked: &str) -> String {
    marked.replace(SOFT, " ")
}

/// The policy with random whitespace between tokens (line breaks included) and random
/// indentation: the same tokens, laid out differently.
pub fn relaid(marked: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(marked.len() * 2);
    let mut line_start = true;
    for c in marked.chars() {
        if line_start && c == ' ' {
            continue;
        }
        line_start = false;
        match c {
            SOFT => {
                let gap: &&str = rng.pick(&[" ", "  ", "\t", "\n", "\n      ", " \t "]);
                out.push_str(gap);
            }
            '\n' => {
                out.push('\n');
                let indent: &&str = rng.pick(&["", "  ", "\t", "          "]);
                out.push_str(indent);
                line_start = true;
            }
            c => out.push(c),
        }
    }
    out
}

/// The policy with comments at random places. Plain comments go anywhere: after any
/// token (to the end of the line) and on lines of their own. With `suppressions`, the
/// comments go between statements only, and some are suppressions: one between the tokens
/// of a statement applies to the line it is on, which the formatter joins with the rest of
/// the statement (so what it suppresses may change, by design).
pub fn commented(marked: &str, rng: &mut Rng, suppressions: bool) -> String {
    let mut out = String::with_capacity(marked.len() * 2);
    let mut n = 0;
    let mut comment = |rng: &mut Rng| {
        n += 1;
        match if suppressions { rng.below(4) } else { 3 } {
            0 => format!("# scopec: allow(L0013) reason {n}"),
            1 => format!("# scopec: allow(unused-scope, mixed-naming) reason {n}"),
            _ => format!("# comment {n}"),
        }
    };
    for c in marked.chars() {
        match c {
            SOFT if !suppressions && rng.chance(10) => {
                out.push(' ');
                out.push_str(&comment(rng));
                out.push('\n');
            }
            SOFT => out.push(' '),
            '\n' if rng.chance(15) => {
                out.push(' ');
                out.push_str(&comment(rng));
                out.push('\n');
            }
            '\n' if rng.chance(10) => {
                out.push('\n');
                out.push_str(&comment(rng));
                out.push('\n');
            }
            c => out.push(c),
        }
    }
    out
}

/// A random scope expression over `scopes`, every operator chain parenthesized.
pub fn expr(rng: &mut Rng, scopes: &[&str], depth: usize) -> String {
    if depth == 0 || rng.chance(40) {
        return rng.pick(scopes).to_string();
    }
    let op = if rng.chance(50) { " | " } else { " & " };
    let parts: Vec<String> = (0..2 + rng.below(2)).map(|_| expr(rng, scopes, depth - 1)).collect();
    format!("({})", parts.join(op))
}
