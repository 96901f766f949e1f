//! The generated Rust module of each seed policy, in both runtime modes (on the
//! `scopec-runtime` crate and standalone), compiles warning-free (rustc and clippy with
//! `-D warnings`) and decides exactly as the engine does on every test expectation, every
//! hostile request and 100,000 random requests. (The seeds' modules are goldens in
//! `generated/`, checked by `tests/build.rs`.)

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::requests::{Rng, random_request};
use common::rustc::{RUNTIMES, assert_compiles_clean, compiler, run, tag, work_dir};
use scopec::Model;
use scopec::emit::rust::Runtime;
use scopec::engine::{Decision, Request, Unlisted, decide, error_response};
use scopec::model::SchemeKind;

/// The seed policies, and a fixture with every shape of route tree (catch-alls beside
/// parameters beside literals, backtracking, trailing slashes, long chains).
/// And a fixture with key kinds (schemes restricted to kinds, kinds' scope sets,
/// alternatives open to one kind).
/// And a fixture with query conditions as APIs use them (`$` names, list brackets,
/// comma-separated values, value sets, defaults).
/// And the policies written from real APIs' docs.
const SEEDS: &[&str] = &["maxcare", "plusmedical", "rxscale", "routing", "kinds", "queries", "slack", "msgraph"];
const RANDOM_REQUESTS: usize = 100_000;

fn generate(name: &str, runtime: Runtime) -> (Model, String) {
    let model = match name {
        "routing" | "kinds" | "queries" | "slack" | "msgraph" => {
            let dir = if matches!(name, "slack" | "msgraph") { "examples/policies" } else { "tests/fixtures/ok" };
            let path = common::root().join(format!("{dir}/{name}.policy"));
            let text = std::fs::read_to_string(path).unwrap();
            scopec::compile(&text).unwrap()
        }
        seed => common::seed(seed),
    };
    let code = scopec::emit::rust::generate(&model, runtime).unwrap();
    (model, code)
}

#[test]
fn generated_modules_are_deterministic() {
    for name in SEEDS {
        for runtime in RUNTIMES {
            assert_eq!(generate(name, runtime).1, generate(name, runtime).1, "{name}");
        }
    }
}

#[test]
fn generated_modules_compile_without_warnings() {
    for name in SEEDS {
        for runtime in RUNTIMES {
            let (_, code) = generate(name, runtime);
            assert_compiles_clean(name, &code, runtime);
        }
    }
}

/// A program that reads requests (one per line, hex-encoded fields) and prints the
/// generated module's decision for each.
fn driver_source(name: &str, grant_fields: &[String]) -> String {
    // By name, so that the driver does not depend on how names become fields.
    let grants: String = grant_fields
        .iter()
        .enumerate()
        .map(|(i, f)| format!("        assert!(grants.set({f:?}, set(fields[{}])));\n", 5 + i))
        .collect();
    format!(
        r#"#![deny(warnings)]
// A binary uses only part of the module's public interface.
#![allow(dead_code)]
use std::io::{{BufRead, Write}};

mod policy {{
    include!("{name}.rs");
}}
use policy::*;

fn unhex(s: &str) -> String {{
    let bytes: Vec<u8> = (0..s.len() / 2).map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap()).collect();
    String::from_utf8(bytes).unwrap()
}}

fn set(field: &str) -> ScopeSet {{
    let text = unhex(field);
    ScopeSet::from_names(text.split('\n').filter(|s| !s.is_empty()), |_| {{}})
}}

fn names(s: ScopeSet) -> String {{
    s.scopes().map(|x| x.name()).collect::<Vec<_>>().join("&")
}}

fn main() {{
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {{
        let line = line.unwrap();
        let fields: Vec<&str> = line.split('\t').collect();
        let method = unhex(fields[0]);
        let target = unhex(fields[1]);
        let via_text;
        let via = match fields[3] {{
            "-" => Via::Accepted,
            "b" => Via::Bearer,
            v => {{
                via_text = unhex(&v[2..]);
                if v.starts_with("h:") {{ Via::Header(&via_text) }} else {{ Via::Query(&via_text) }}
            }}
        }};
        let key = match fields[2] {{
            "-" => None,
            k => {{
                let (kind, scopes) = k[2..].split_once(':').unwrap();
                Some(Key {{ scopes: set(scopes), via, kind: KindId::named::<Policy>(&unhex(kind)) }})
            }}
        }};
        #[allow(unused_mut)]
        let mut grants = Grants::default();
{grants}        let d = match fields[4] {{
            "-" => authorize(&method, &target, key.as_ref(), &grants),
            h => {{
                let text = unhex(&h[2..]);
                let headers: Vec<(&str, &str)> =
                    text.split('\n').filter(|l| !l.is_empty()).map(|l| l.split_once('\u{{1}}').unwrap()).collect();
                authorize_with_headers(&method, &target, headers.as_slice(), key.as_ref(), &grants)
            }}
        }};
        let text = match &d {{
            Decision::Allow(a) => format!(
                "allow {{}} strip={{}} mask={{}} filter={{}} oblige={{}} legacy={{}}",
                a.endpoint,
                a.strip().collect::<Vec<_>>().join(","),
                a.mask().collect::<Vec<_>>().join(","),
                a.filters().collect::<Vec<_>>().join(","),
                a.obligations().collect::<Vec<_>>().join(","),
                a.legacy
            ),
            Decision::Deny(f) => {{
                let mut m: Vec<ScopeSet> = f.missing().collect();
                m.sort_by_key(|s| s.scopes().map(|x| x as usize).collect::<Vec<_>>());
                let m: Vec<String> = m.into_iter().map(names).collect();
                format!("deny {{}} missing={{}}", f.endpoint, m.join("|"))
            }}
            Decision::Unauthenticated {{ endpoint }} => format!("unauthenticated {{endpoint}}"),
            Decision::NotFound => "not-found".to_string(),
            Decision::MethodNotAllowed {{ route }} => format!("method-not-allowed {{route}}"),
            Decision::Rejected(r) => format!("rejected {{}}", r.name()),
        }};
        let mut body = String::new();
        d.write_error_body(&method, &target, "<trace-id>", &mut body).unwrap();
        writeln!(out, "{{text}} {{}} {{body}}", d.status()).unwrap();
    }}
}}
"#
    )
}

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// A request as a driver input line. Grant sets the request does not give are filled the
/// way the engine reads them (empty, or the key's scopes for tests).
fn encode(r: &Request, grant_sets: &[&str]) -> String {
    let key = match &r.key {
        None => "-".to_string(),
        Some(k) => format!("k:{}:{}", hex(k.kind.as_deref().unwrap_or("")), hex(&k.scopes.join("\n"))),
    };
    let via = match r.key.as_ref().and_then(|k| k.via.as_ref()) {
        None => "-".to_string(),
        Some(SchemeKind::Bearer) => "b".to_string(),
        Some(SchemeKind::Header(h)) => format!("h:{}", hex(h)),
        Some(SchemeKind::Query(q)) => format!("q:{}", hex(q)),
    };
    let headers = match &r.headers {
        None => "-".to_string(),
        Some(h) => format!("H:{}", hex(&h.iter().map(|(n, v)| format!("{n}\u{1}{v}\n")).collect::<String>())),
    };
    let mut line = format!("{}\t{}\t{key}\t{via}\t{headers}", hex(&r.method), hex(&r.target));
    for set in grant_sets {
        let names = match (r.grants.get(*set), r.unlisted, &r.key) {
            (Some(v), _, _) => v.join("\n"),
            (None, Unlisted::SameAsKey, Some(k)) => k.scopes.join("\n"),
            _ => String::new(),
        };
        line.push('\t');
        line.push_str(&hex(&names));
    }
    line
}

/// The engine's decision in the driver's words.
fn expected(model: &Model, r: &Request) -> String {
    let d = decide(model, r);
    let text = match &d {
        Decision::Allow(a) => format!(
            "allow {} strip={} mask={} filter={} oblige={} legacy={}",
            a.endpoint,
            a.strip.join(","),
            a.mask.join(","),
            a.filters.join(","),
            a.obligations.join(","),
            a.legacy
        ),
        Decision::Deny(f) => {
            let m: Vec<String> = f
                .missing
                .iter()
                .map(|t| t.iter().map(|s| model.scope_name(*s)).collect::<Vec<_>>().join("&"))
                .collect();
            format!("deny {} missing={}", f.endpoint, m.join("|"))
        }
        Decision::Unauthenticated { endpoint, .. } => format!("unauthenticated {endpoint}"),
        Decision::NotFound => "not-found".to_string(),
        Decision::MethodNotAllowed { route, .. } => format!("method-not-allowed {route}"),
        Decision::Rejected(r) => format!("rejected {}", r.name()),
    };
    let body = error_response(model, r, &d).map(|b| b.body.to_string()).unwrap_or_default();
    format!("{text} {} {body}", d.status())
}

/// A test case's request with its key's kind stated: a test leaves it out when the api
/// accepts one kind, and generated code is told the kind by its caller.
fn stated_kind(model: &Model, mut r: Request) -> Request {
    if r.key.as_ref().is_some_and(|k| k.kind.is_none())
        && let Some(e) = decide(model, &r).endpoint().or_else(|| {
            let probe = Request { key: None, ..r.clone() };
            decide(model, &probe).endpoint()
        })
        && let Some(k) = scopec::engine::sole_kind(&model.apis[model.endpoints[e].api])
        && let Some(key) = r.key.as_mut()
    {
        key.kind = Some(model.kind_name(k).to_string());
    }
    r
}

/// Every request compared for a policy: test expectations, hostile requests, random ones.
fn requests(name: &str, model: &Model) -> Vec<Request> {
    let mut all: Vec<Request> = model
        .tests
        .iter()
        .flat_map(|s| s.cases.iter())
        .map(|c| stated_kind(model, scopec::testing::request(c)))
        .collect();
    let everything: Vec<String> = model.scopes.iter().map(|s| s.name.clone()).collect();
    for (policy, method, target, _) in common::hostile::HOSTILE.iter().filter(|h| h.0 == name) {
        let _ = policy;
        let mut r = Request::new(method, target).with_scopes(&everything);
        r.unlisted = Unlisted::SameAsKey;
        all.push(r);
    }
    // Every spelling of each query condition (the hostile suite's families).
    for (method, target, scopes, kind) in common::hostile::query_spellings(model).into_iter().flatten() {
        let mut r = Request::new(&method, &target).with_scopes(&scopes);
        if let Some(k) = kind {
            r = r.with_kind(&k);
        }
        for set in model.grant_sets() {
            r = r.with_grant(set, &scopes);
        }
        all.push(r);
    }
    let mut rng = Rng::new(0x5c0_9ec);
    for _ in 0..RANDOM_REQUESTS {
        let mut r = random_request(&mut rng, model);
        // The generated module routes over all apis; api restriction is an engine option.
        r.api = None;
        all.push(r);
    }
    // Tabs and newlines cannot be sent through the line protocol unencoded; hex takes care
    // of that, so every request goes through as generated.
    all
}

/// Compiles the generated module of `model` into a driver, decides `reqs` with it and with
/// the engine, and returns the disagreements and the kinds of decision that occurred.
fn compare_with_engine(
    name: &str,
    model: &Model,
    code: &str,
    runtime: Runtime,
    reqs: &[Request],
) -> (Vec<String>, std::collections::BTreeMap<String, usize>) {
    let dir = work_dir(&format!("driver-{name}-{}", tag(runtime)));
    std::fs::write(dir.join(format!("{name}.rs")), code).unwrap();
    let fields: Vec<String> = model.grant_sets().iter().map(|s| s.to_string()).collect();
    std::fs::write(dir.join("main.rs"), driver_source(name, &fields)).unwrap();
    let exe = dir.join("driver");
    run(compiler("rustc", runtime).args(["--edition", "2021", "-O", "-o"]).arg(&exe).arg(dir.join("main.rs")));
    let input: String = reqs.iter().map(|r| encode(r, &model.grant_sets()) + "\n").collect();
    let mut child = Command::new(&exe).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).unwrap();
    let got: Vec<&str> = got.lines().collect();
    assert_eq!(got.len(), reqs.len());
    let mut disagreements = Vec::new();
    let mut kinds = std::collections::BTreeMap::new();
    for (r, g) in reqs.iter().zip(&got) {
        let want = expected(model, r);
        *kinds.entry(want.split(' ').next().unwrap_or("").to_string()).or_insert(0) += 1;
        if want != *g {
            disagreements
                .push(format!("{} {:?} key={:?}\n  engine:    {want}\n  generated: {g}", r.method, r.target, r.key));
        }
    }
    (disagreements, kinds)
}

fn assert_agree(name: &str, total: usize, disagreements: &[String]) {
    assert!(
        disagreements.is_empty(),
        "{name}: {} of {total} requests decided differently; first ones:\n{}",
        disagreements.len(),
        disagreements.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn generated_code_decides_exactly_as_the_engine() {
    for name in SEEDS {
        for runtime in RUNTIMES {
            let (model, code) = generate(name, runtime);
            let reqs = requests(name, &model);
            let (disagreements, kinds) = compare_with_engine(name, &model, &code, runtime, &reqs);
            assert_agree(name, reqs.len(), &disagreements);
            // The comparison is only meaningful if every kind of decision occurred.
            assert_eq!(kinds.len(), 6, "{name}: {kinds:?}");
        }
    }
}

#[test]
fn edge_policies_decide_exactly_as_the_engine() {
    for (name, text) in EDGE_POLICIES {
        let model = scopec::compile(text).unwrap();
        let mut rng = Rng::new(0xed9e);
        let random = if model.endpoints.is_empty() { 0 } else { 20_000 };
        let mut reqs: Vec<Request> = (0..random).map(|_| random_request(&mut rng, &model)).collect();
        for r in &mut reqs {
            r.api = None;
        }
        for target in EDGE_TARGETS {
            reqs.push(Request::new("GET", target).with_scopes(&["a:read".to_string()]));
        }
        for runtime in RUNTIMES {
            let code = scopec::emit::rust::generate(&model, runtime).unwrap();
            let (disagreements, _) = compare_with_engine(&format!("edge-{name}"), &model, &code, runtime, &reqs);
            assert_agree(name, reqs.len(), &disagreements);
        }
    }
}

#[test]
fn policies_too_large_for_the_tables_are_refused_not_miscompiled() {
    // 70,000 endpoints: more than `u16` numbering holds.
    let config = scopec::synth::SynthConfig { endpoints: 70_000, tests: 0, ..Default::default() };
    let model = scopec::compile(&scopec::synth::policy(&config)).unwrap();
    let error = scopec::emit::rust::generate(&model, Runtime::Crate).unwrap_err();
    assert!(error.message.contains("70000 endpoints, more than generated tables hold"), "{}", error.message);
}

/// Policies at the edges of what the tables hold: each must still compile warning-free
/// (helpers a policy does not need must not turn into dead-code errors).
const EDGE_POLICIES: &[(&str, &str)] = &[
    ("no_apis", r#"policy "E" { version "1" } scope a:read read "A""#),
    (
        "root_only",
        r#"policy "E" { version "1" } scope a:read read "A" api x { auth bearer GET / requires a:read "Root" }"#,
    ),
    (
        "params_only",
        r#"policy "E" { version "1" } scope a:read read "A" api x { auth bearer GET /{id} requires a:read "A" }"#,
    ),
    (
        "catch_all_only",
        r#"policy "E" { version "1" } scope a:read read "A" api x { auth bearer GET /{rest*} requires a:read "A" }"#,
    ),
    ("no_scopes", r#"policy "E" { version "1" }"#),
    (
        // A scope spelled like `Scope::ALL`, and grant sets whose names collide once made
        // identifiers: `inst-a`/`inst_a`, `Inst`/`inst`, `self`/`Self`, `_`.
        "name_twins",
        r#"policy "E" { version "1" }
scope ALL read "A"
scope a:read read "B"
api x { auth bearer effective key & inst-a & inst_a GET /a requires ALL "A" }
api y { auth bearer effective key & Inst & inst & self & Self & _ GET /b requires a:read "B" }"#,
    ),
    (
        "literals_only",
        r#"policy "E" { version "1" } scope a:read read "A" api x { auth bearer GET /a/b requires a:read "A" }"#,
    ),
    (
        // Case variants: literals beside parameters and catch-alls, chains of lone literals
        // (matched at once by the fast walk), and literals that differ only in case.
        "case_variants",
        r#"policy "E" { version "1" }
scope a:read read "A"
scope b:read read "B"
api x {
    auth bearer
    GET /users/@admin            requires b:read "Admin"
    GET /users/{id}              requires a:read "User"
    GET /users/me/settings/mail  requires b:read "Mail"
    GET /users/{id}/settings/mail requires a:read "Mail of a user"
    GET /files/a/b               requires b:read "B"
    GET /files/{rest*}           requires a:read "File"
    GET /Docs                    requires a:read "Docs"
    GET /docs                    requires b:read "docs"
}"#,
    ),
];

/// Targets for the edge policies beside their random requests.
const EDGE_TARGETS: &[&str] = &[
    "/",
    "/a",
    "/a/",
    "/a/b",
    "/a/b/",
    "/a/b/c",
    "/x/y/z/w",
    "//",
    "/./a",
    "/a?x=1",
    "/%41",
    "/A/b",
    "/users/@ADMIN",
    "/users/@admin",
    "/USERS/x",
    "/users/ME/settings/mail",
    "/users/me/Settings/mail",
    "/users/me/settings/MAIL",
    "/users/me/settings/x",
    "/users/me/x/mail",
    "/files/a/B",
    "/files/A/b",
    "/files/a/b/c",
    "/files/x/y",
    "/DOCS",
    "/Docs",
    "/docs",
    "/dOcs?x=1",
];

#[test]
fn edge_policies_generate_warning_free_modules() {
    for (name, text) in EDGE_POLICIES {
        let model = scopec::compile(text).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        for runtime in RUNTIMES {
            let code = scopec::emit::rust::generate(&model, runtime).unwrap();
            assert_compiles_clean(&format!("edge_{name}"), &code, runtime);
        }
    }
}

/// Text that would end a comment or a string, or start code, if written raw; a
/// right-to-left override (rustc refuses it raw in comments and literals); a control
/// character.
const HOSTILE: &str = r#"x\n pub fn injected() () // */ /* \" \\ \u{202e} \u{1} end"#;

/// A policy whose every string field that reaches generated code holds hostile text.
fn hostile_policy() -> String {
    let h = HOSTILE.replace("\\u{202e}", "\u{202e}").replace("\\u{1}", "\u{1}");
    format!(
        r#"policy "T{h}" {{ version "1{h}" docs "https://d{h}" note "n{h}" }}
group "G{h}" {{
    scope "a{h}" read "desc{h}" since "s{h}" deprecated "dep{h}"
}}
scope b:read read "B{h}"
alias "old{h}" = b:read
api x "Title{h}" {{
    auth bearer prefix "pk_"
    auth header "X-K{h}"
    errors {{ 403 forbidden "msg{h} {{missing}}" 401 unauthorized "u{h}" trace "t{h}" }}
    GET /a requires b:read "sum{h}" {{
        strip secret unless "a{h}"
        when ?flag=on requires "a{h}"
    }}
}}
bundle "bun{h}" = b:read
"#
    )
}

#[test]
fn hostile_strings_reach_generated_code_escaped() {
    let text = hostile_policy();
    let model = scopec::compile(&text).unwrap_or_else(|d| panic!("{d:#?}"));
    for runtime in RUNTIMES {
        let code = scopec::emit::rust::generate(&model, runtime).unwrap();
        for line in code.lines() {
            assert!(!line.trim_start().starts_with("pub fn injected"), "injected code: {line}");
            assert!(!line.contains('\u{202e}') && !line.contains('\u{1}'), "raw control character: {line:?}");
        }
        assert_compiles_clean("hostile", &code, runtime);
    }
}

/// Names that become identifiers: keywords, case twins, separator twins, digits first,
/// `Self`/`self`, `ALL`, `_`, non-ASCII.
const NAME_ALPHABET: &[&str] = &[
    "self", "Self", "type", "fn", "crate", "ALL", "All", "all", "_", "a-b", "a_b", "aB", "ab", "AB", "inst", "Inst",
    "inst-a", "inst_a", "1st", "2fa", "x:y", "x.y", "x_y", "é", "read", "Read", "r#x",
];

/// A random valid-looking policy whose scope and grant-set names come from the hostile
/// alphabet (duplicates are refused by validation and skipped).
fn random_named_policy(rng: &mut Rng) -> String {
    let scopes: Vec<&str> = (0..1 + rng.below(6)).map(|_| *rng.pick(NAME_ALPHABET)).collect();
    let mut text = String::from("policy \"N\" { version \"1\" }\n");
    for s in &scopes {
        text.push_str(&format!("scope {s:?} read \"S\"\n"));
    }
    let sets: Vec<&str> = (0..rng.below(4)).map(|_| *rng.pick(NAME_ALPHABET)).collect();
    let effective = if sets.is_empty() { String::new() } else { format!("effective key & {}\n", sets.join(" & ")) };
    let scope = rng.pick(&scopes);
    text.push_str(&format!("api x {{\n    auth bearer\n    {effective}    GET /a requires {scope:?} \"A\"\n}}\n"));
    text
}

/// Random policies over the hostile name alphabet generate modules that compile under
/// `#![deny(warnings)]` and clippy in both runtime modes (batched: every module of a run
/// in one crate, compiled once).
#[test]
fn hostile_names_always_compile() {
    let mut rng = Rng::new(0x4a3e5);
    let mut models = Vec::new();
    let mut tried = 0;
    while models.len() < 40 && tried < 2_000 {
        tried += 1;
        if let Ok(model) = scopec::compile(&random_named_policy(&mut rng)) {
            models.push(model);
        }
    }
    assert!(models.len() >= 40, "only {} of {tried} random policies were valid", models.len());
    for runtime in RUNTIMES {
        let dir = work_dir(&format!("names-{}", tag(runtime)));
        let mut lib = String::from("#![deny(warnings)]\n#![forbid(unsafe_code)]\n");
        for (i, model) in models.iter().enumerate() {
            let code = scopec::emit::rust::generate(model, runtime).unwrap();
            std::fs::write(dir.join(format!("m{i}.rs")), code).unwrap();
            lib.push_str(&format!("pub mod m{i} {{\n    include!(\"m{i}.rs\");\n}}\n"));
        }
        std::fs::write(dir.join("lib.rs"), lib).unwrap();
        run(compiler("rustc", runtime)
            .args(["--edition", "2021", "--crate-type", "lib", "-D", "warnings", "--out-dir"])
            .arg(&dir)
            .arg(dir.join("lib.rs")));
        run(compiler("clippy-driver", runtime)
            .args(["--edition", "2021", "--crate-type", "lib", "-D", "warnings", "-D", "clippy::all", "--out-dir"])
            .arg(&dir)
            .arg(dir.join("lib.rs")));
    }
}
