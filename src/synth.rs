//! Synthetic policies of any size, for benchmarks and scale tests: resources with read,
//! write and admin scopes, apis of REST endpoints over them, either-of and both-of
//! requirements, data rules, `when` conditions, bundles and tests. Deterministic for a
//! given configuration.

use std::fmt::Write;

/// The knobs of a synthetic policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthConfig {
    /// Endpoints in total (rounded up to a multiple of 5: each resource has five).
    pub endpoints: usize,
    /// Apis the resources are spread over.
    pub apis: usize,
    /// Percentage of endpoints whose requirement is an either-of or both-of expression.
    pub expressions: u8,
    /// Percentage of read endpoints with a data rule.
    pub data_rules: u8,
    /// Percentage of list endpoints with a `when` condition.
    pub whens: u8,
    /// Test cases per resource (0 for none).
    pub tests: usize,
    pub seed: u64,
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig { endpoints: 1_000, apis: 4, expressions: 30, data_rules: 20, whens: 10, tests: 2, seed: 1 }
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn percent(&mut self, p: u8) -> bool {
        self.next() % 100 < u64::from(p)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The text of a synthetic policy.
pub fn policy(config: &SynthConfig) -> String {
    let mut rng = Rng(config.seed);
    let resources = config.endpoints.div_ceil(5).max(1);
    let apis = config.apis.clamp(1, resources);
    let mut out = String::with_capacity(resources * 900);
    let _ = writeln!(out, "# A synthetic policy: {resources} resources, {} endpoints, {apis} apis.", resources * 5);
    let _ = writeln!(out, "policy \"Synthetic\" {{\n    version \"{}\"\n}}\n", config.seed);
    let _ = writeln!(out, "scope admin:all admin \"Administer everything\"\n");
    for r in 0..resources {
        let _ = writeln!(out, "group \"Resource {r}\" {{");
        let _ = writeln!(out, "    scope r{r}:read  read  \"Read resource {r}\"");
        let _ = writeln!(out, "    scope r{r}:write write \"Write resource {r}\" implies r{r}:read");
        let _ = writeln!(out, "    scope r{r}:admin admin \"Administer resource {r}\" implies r{r}:write");
        let _ = writeln!(out, "}}");
    }
    out.push('\n');
    for a in 0..apis {
        let _ = writeln!(out, "api a{a} \"Api {a}\" {{");
        let _ = writeln!(out, "    base \"/a{a}/v1\"");
        let _ = writeln!(
            out,
            "    auth bearer prefix \"syn{a}_live_\" length 40 env live, prefix \"syn{a}_test_\" length 40 env test"
        );
        let _ = writeln!(out, "    errors {{\n        403 forbidden \"Missing scope: {{missing}}\"\n    }}");
        for r in (a..resources).step_by(apis) {
            endpoints(&mut out, &mut rng, config, r, resources);
        }
        let _ = writeln!(out, "}}\n");
    }
    for b in 0..resources.div_ceil(10) {
        let r = b * 10;
        let _ = writeln!(out, "bundle \"Resource {r} reader\" = r{r}:read");
        let _ = writeln!(out, "bundle \"Resource {r} editor\" = r{r}:read, r{r}:write\n");
    }
    if config.tests > 0 {
        tests(&mut out, config, resources, apis);
    }
    out
}

/// The five endpoints of resource `r`.
fn endpoints(out: &mut String, rng: &mut Rng, config: &SynthConfig, r: usize, resources: usize) {
    let other = (r + 1 + rng.below(resources.saturating_sub(1).max(1))) % resources;
    let read = if rng.percent(config.expressions) {
        match rng.below(3) {
            0 => format!("r{r}:read | admin:all"),
            1 => format!("r{r}:read & r{other}:read"),
            _ => format!("(r{r}:read | r{other}:admin) & r{r}:read | admin:all"),
        }
    } else {
        format!("r{r}:read")
    };
    let _ = write!(out, "    GET /r{r}/ requires {read} \"List resource {r}\"");
    if rng.percent(config.whens) {
        let _ = writeln!(out, " {{\n        when ?expand=true requires r{r}:admin\n    }}");
    } else {
        out.push('\n');
    }
    let _ = write!(out, "    GET /r{r}/{{id}} requires {read} \"Get one resource {r}\"");
    if rng.percent(config.data_rules) {
        let kind = if rng.below(2) == 0 { "strip" } else { "mask" };
        let _ = writeln!(out, " {{\n        {kind} secret, notes unless r{r}:admin\n    }}");
    } else {
        out.push('\n');
    }
    let _ = writeln!(out, "    POST /r{r}/ requires r{r}:write \"Create a resource {r}\"");
    let _ = writeln!(out, "    PATCH /r{r}/{{id}} requires r{r}:write | admin:all \"Update a resource {r}\"");
    let _ = writeln!(
        out,
        "    DELETE /r{r}/{{id}}/items/{{item}} requires r{r}:admin \"Delete an item of a resource {r}\""
    );
}

fn tests(out: &mut String, config: &SynthConfig, resources: usize, apis: usize) {
    let _ = writeln!(out, "test \"synthetic\" {{");
    for r in 0..resources {
        let a = r % apis;
        for t in 0..config.tests {
            let _ = match t % 4 {
                0 => writeln!(out, "    POST /a{a}/v1/r{r}/ with r{r}:write => allow"),
                1 => writeln!(out, "    POST /a{a}/v1/r{r}/ with r{r}:read => deny missing r{r}:write"),
                2 => writeln!(out, "    DELETE /a{a}/v1/r{r}/x/items/y with r{r}:admin => allow"),
                _ => writeln!(out, "    PUT /a{a}/v1/r{r}/ with r{r}:write => method-not-allowed"),
            };
        }
    }
    let _ = writeln!(out, "}}");
}

/// The shapes of input that once cost more than linear time, memory or output, each as a
/// policy of size `n` (see `BENCHMARKS.md`, "Families at scale"): the scale tests and
/// the `families` benchmark run them at two sizes.
pub const FAMILIES: [&str; 7] =
    ["and-unknown", "or-scopes", "and-scopes", "alias-chain", "suppressions", "implies-chain", "scopes"];

/// The width of every numbered name in a family: fixed, so that the policy at 10·n is
/// ten times the text of the policy at n (names do not get longer with n).
const NAME_WIDTH: usize = 7;

/// The policy of `family` at size `n`; `None` for an unknown family. Numbered names are
/// zero-padded to a fixed width, so the text grows linearly in `n`.
pub fn family(family: &str, n: usize) -> Option<String> {
    let mut out = String::from("policy \"p\" {}\n");
    let w = NAME_WIDTH;
    let names = |prefix: &str, sep: &str| (0..n).map(|i| format!("{prefix}{i:0w$}")).collect::<Vec<_>>().join(sep);
    let scopes = |out: &mut String| {
        for i in 0..n {
            let _ = writeln!(out, "scope s{i:0w$} read \"S\"");
        }
    };
    let endpoint = |out: &mut String, req: &str| {
        let _ = writeln!(out, "api x {{ auth bearer\n GET /a requires {req}\n}}");
    };
    match family {
        // Unknown scopes joined by `&` on one line: an error at each.
        "and-unknown" => {
            out.push_str("scope s read \"S\"\n");
            endpoint(&mut out, &names("u", " & "));
        }
        "or-scopes" => {
            scopes(&mut out);
            endpoint(&mut out, &names("s", " | "));
        }
        "and-scopes" => {
            scopes(&mut out);
            endpoint(&mut out, &names("s", " & "));
        }
        "alias-chain" => {
            out.push_str("scope s read \"S\"\nalias a0000000 = s\n");
            for i in 1..n {
                let _ = writeln!(out, "alias a{i:0w$} = a{:0w$}", i - 1);
            }
            endpoint(&mut out, &format!("a{:0w$}", n.saturating_sub(1)));
        }
        "suppressions" => {
            out.push_str("scope s read \"S\"\n");
            for i in 0..n {
                let _ = writeln!(out, "# scopec: allow(unused-scope) reason {i:0w$}");
            }
            endpoint(&mut out, "s");
        }
        "implies-chain" => {
            for i in 0..n.saturating_sub(1) {
                let _ = writeln!(out, "scope s{i:0w$} read \"S\" implies s{:0w$}", i + 1);
            }
            let _ = writeln!(out, "scope s{:0w$} read \"S\"", n.saturating_sub(1));
            endpoint(&mut out, &format!("s{:0w$}", 0));
        }
        // Many scopes, each required by its own endpoint: the generators' tables.
        "scopes" => {
            scopes(&mut out);
            out.push_str("api x { auth bearer\n");
            for i in 0..n {
                let _ = writeln!(out, " GET /a{i:0w$} requires s{i:0w$}");
            }
            out.push_str("}\n");
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_policies_are_valid_and_sized() {
        for endpoints in [5, 100, 1_000] {
            let text = policy(&SynthConfig { endpoints, ..SynthConfig::default() });
            let model = crate::compile(&text).unwrap_or_else(|d| panic!("{:?}", d.first()));
            assert_eq!(model.endpoints.len(), endpoints);
            let run = crate::testing::run(&model);
            assert_eq!(run.failed(), 0);
        }
    }
}
