//! A deterministic generator of random requests against a policy: real paths, mutated
//! paths and junk, random methods, queries, keys, schemes and grant sets.

use scopec::Model;
use scopec::engine::{Key, Request};
use scopec::model::{ApiId, Id, SchemeKind, Segment};

/// A small, fast, seeded generator (SplitMix64), so failures reproduce from the seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get", "", "FETCH"];
const PARAM_VALUES: &[&str] = &[
    "p1",
    "x",
    "register",
    "send",
    "templates",
    "test",
    "me",
    "%20",
    "a%C3%A9",
    "..",
    ".",
    "%2e",
    "%2F",
    "a%2fb",
    "%00",
    "~user",
    "a.b",
    "-",
    "%zz",
    "%c0%ae",
    "UPPER",
    "a;b",
    "a:b",
    "%1f",
    "%1F",
    "%7f",
    "%7F",
    "%20x",
    "%e0%80%80",
    "%e0%a0%80",
    "%ed%a0%80",
    "%ed%9f%bf",
    "%f4%90%80%80",
    "%f4%8f%bf%bf",
    "%f0%8f%bf%bf",
    "%f0%9f%98%80",
    "%C3",
    "%E2%82%AC",
    "%c2%80",
    "%c1%bf",
    "a+b",
    "%5c",
    "%5C",
    "%",
    "%4",
    "%2e%2E",
    "%41",
];
const MUTATIONS: usize = 11;

/// Every literal segment of the policy, for building plausible paths.
fn words(model: &Model) -> Vec<String> {
    let mut w: Vec<String> = model
        .endpoints
        .iter()
        .flat_map(|e| e.pattern.segments.iter())
        .filter_map(|s| match s {
            Segment::Literal(l) => Some(l.clone()),
            _ => None,
        })
        .collect();
    w.sort();
    w.dedup();
    if w.is_empty() {
        // A policy without literal segments still gets plausible junk.
        w.push("w".to_string());
    }
    w
}

fn instantiate(rng: &mut Rng, model: &Model, words: &[String]) -> String {
    let e = rng.pick(model.endpoints.as_slice());
    let mut path = String::new();
    for s in &e.pattern.segments {
        path.push('/');
        match s {
            Segment::Literal(l) => path.push_str(l),
            Segment::Param(_) => {
                if rng.chance(20) {
                    path.push_str(rng.pick(words).as_str());
                } else {
                    let v = PARAM_VALUES[rng.below(PARAM_VALUES.len())];
                    path.push_str(v);
                }
            }
            Segment::CatchAll(_) => {
                for i in 0..=rng.below(3) {
                    if i > 0 {
                        path.push('/');
                    }
                    let v = PARAM_VALUES[rng.below(PARAM_VALUES.len())];
                    path.push_str(v);
                }
            }
        }
    }
    if e.pattern.trailing_slash || path.is_empty() {
        path.push('/');
    }
    path
}

fn mutate(rng: &mut Rng, path: String, words: &[String]) -> String {
    let segs: Vec<&str> = path.split('/').collect();
    match rng.below(MUTATIONS) {
        0 => {
            if path.ends_with('/') && path.len() > 1 {
                path[..path.len() - 1].to_string()
            } else {
                format!("{path}/")
            }
        }
        1 => segs[..segs.len().saturating_sub(1).max(1)].join("/"),
        2 => format!("{path}/{}", rng.pick(words)),
        3 => path.replacen('/', "//", 1 + rng.below(2)),
        4 => path.to_uppercase(),
        5 => format!("{path}%2F.."),
        6 => {
            let i = rng.below(segs.len());
            let mut v = segs.clone();
            v[i] = "..";
            v.join("/")
        }
        7 => path.trim_start_matches('/').to_string(),
        8 => path.replace('_', "%5F"),
        9 => {
            // One letter in another case: a case variant of a literal, or of a parameter.
            let letters: Vec<usize> =
                path.char_indices().filter(|(_, c)| c.is_ascii_alphabetic()).map(|(i, _)| i).collect();
            if letters.is_empty() {
                return path;
            }
            let i = letters[rng.below(letters.len())];
            let mut b = path.into_bytes();
            b[i] ^= 0x20;
            String::from_utf8(b).unwrap_or_default()
        }
        _ => format!("/x{path}"),
    }
}

fn query(rng: &mut Rng, model: &Model) -> String {
    let whens: Vec<&scopec::model::When> =
        model.endpoints.iter().flat_map(|e| &e.whens).filter(|w| !w.header).collect();
    let mut keys: Vec<&str> = whens.iter().map(|w| w.key.as_str()).collect();
    keys.extend(["providerId", "email", "q", "$", "x[]"]);
    // The condition's own values, and spellings of the ones it does not name.
    let mut values: Vec<String> = whens.iter().flat_map(|w| w.values.iter().cloned()).collect();
    values.extend(
        [
            "true", "TRUE", "tRuE", "false", "1", "", "x%20y", "%zz", "%1f", "%7F", "%c3%a9", "%c3", "tr%75e", "+",
            "yes", "Y", "on", "t", "0", "no", "OFF", "f", "+true", "true%20", "%20yes+", "truee", "2", "%74rue",
        ]
        .map(String::from),
    );
    let mut parts = Vec::new();
    for _ in 0..=rng.below(3) {
        let mut k = rng.pick(&keys).to_string();
        // Keys as case-insensitive servers read them, percent-encoded, with and without an
        // OData `$`, with a list index (`[]`, `[0]`, encoded brackets) or a non-index.
        match rng.below(12) {
            0 => k = k.to_ascii_lowercase(),
            1 => k = k.to_ascii_uppercase(),
            2 => k = k.replacen(|c: char| c.is_ascii_alphabetic(), "%5a", 1),
            3 => k = format!("${}", k.trim_start_matches('$')),
            4 => k = format!("%24{}", k.trim_start_matches('$')),
            5 => k = k.trim_start_matches('$').to_string(),
            6 => k = format!("{k}[]"),
            7 => k = format!("{k}[{}]", rng.below(12)),
            8 => k = format!("{k}%5B%5D"),
            9 => k = format!("{k}[x]"),
            _ => {}
        }
        let mut v = rng.pick(&values).clone();
        // Values inside comma lists (plain and encoded), with `+` and `%20` for spaces,
        // or near misses.
        match rng.below(10) {
            0 => v = format!("a,{v}"),
            1 => v = format!("{v}%2Cb"),
            2 => v = format!("+{v}%20,x"),
            3 => v = format!("{v}x,y"),
            4 => v = v.to_ascii_uppercase(),
            _ => {}
        }
        parts.push(if rng.chance(15) { k } else { format!("{k}={v}") });
    }
    // `;` separates parts for some servers, `&` for all.
    let sep = if rng.chance(25) { ";" } else { "&" };
    parts.join(sep)
}

fn scope_names(rng: &mut Rng, model: &Model) -> Vec<String> {
    let mut all: Vec<String> = model.scopes.iter().map(|s| s.name.clone()).collect();
    all.extend(model.aliases.iter().map(|a| a.name.clone()));
    all.extend(["nope".to_string(), "READ:NOTES".to_string(), String::new()]);
    let n = rng.below(5);
    (0..n).map(|_| rng.pick(&all).clone()).collect()
}

/// A key's kind: none, one the policy declares, or a name it does not.
fn kind(rng: &mut Rng, model: &Model) -> Option<String> {
    match rng.below(10) {
        0..=2 => None,
        3 => Some("no-such-kind".into()),
        _ if model.kinds.is_empty() => None,
        _ => Some(rng.pick(model.kinds.as_slice()).name.clone()),
    }
}

fn via(rng: &mut Rng) -> Option<SchemeKind> {
    if !rng.chance(20) {
        return None;
    }
    Some(match rng.below(9) {
        0 => SchemeKind::Bearer,
        1 => SchemeKind::Header("X-API-Key".into()),
        2 => SchemeKind::Header("x-api-key".into()),
        3 => SchemeKind::Header("X-RxScale-Authorization".into()),
        4 => SchemeKind::Header("x-rxscale-AUTHORIZATION".into()),
        5 => SchemeKind::Header("X-Other".into()),
        6 => SchemeKind::Query("API_KEY".into()),
        7 => SchemeKind::Query("token".into()),
        _ => SchemeKind::Query("api_key".into()),
    })
}

/// One random request.
pub fn random_request(rng: &mut Rng, model: &Model) -> Request {
    let words = words(model);
    let mut target = match rng.below(10) {
        0..=5 => instantiate(rng, model, &words),
        6..=7 => {
            let p = instantiate(rng, model, &words);
            mutate(rng, p, &words)
        }
        8 => (0..=rng.below(4)).map(|_| format!("/{}", rng.pick(&words))).collect(),
        _ => (0..rng.below(20)).map(|_| char::from(b' ' + rng.below(95) as u8)).collect(),
    };
    if rng.chance(30) {
        target = format!("{target}?{}", query(rng, model));
    }
    let method = if rng.chance(70) {
        let e = rng.pick(model.endpoints.as_slice());
        e.method.to_string()
    } else {
        rng.pick(METHODS).to_string()
    };
    let mut r = Request::new(&method, &target);
    if rng.chance(85) {
        r.key = Some(Key { scopes: scope_names(rng, model), via: via(rng), kind: kind(rng, model) });
    }
    for api in &model.apis {
        for set in api.grant_sets() {
            if rng.chance(80) {
                let names = scope_names(rng, model);
                r.grants.insert(set.to_string(), names);
            }
        }
    }
    if rng.chance(10) {
        r.api = Some(ApiId::new(rng.below(model.apis.len())));
    }
    if rng.chance(70) {
        r.headers = Some(headers(rng, model));
    }
    r
}

/// Request headers in the spellings servers accept for the policy's `when header`
/// conditions (any case of the name, values in any case, with whitespace, inside a
/// comma-separated list, each spelling of a boolean) and near misses.
fn headers(rng: &mut Rng, model: &Model) -> Vec<(String, String)> {
    let whens: Vec<&scopec::model::When> = model.endpoints.iter().flat_map(|e| &e.whens).filter(|w| w.header).collect();
    let mut out = Vec::new();
    if whens.is_empty() {
        return out;
    }
    for _ in 0..rng.below(4) {
        let w = *rng.pick(&whens);
        let name: String = w
            .key
            .chars()
            .map(|c| if rng.chance(50) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        let name = if rng.chance(5) { format!("{name}x") } else { name };
        let want = if w.values.is_empty() { "v".to_string() } else { rng.pick(&w.values).clone() };
        let spellings = scopec::engine::query::accepted_values(&want);
        let mut value = match rng.below(6) {
            0 if !spellings.is_empty() => rng.pick(spellings).to_string(),
            1 => want.to_ascii_uppercase(),
            2 => format!("x{want}"),
            3 => String::new(),
            _ => want.clone(),
        };
        match rng.below(5) {
            0 => value = format!(" {value}\t"),
            1 => value = format!("a, {value}, b"),
            2 => value = format!("{value},"),
            _ => {}
        }
        out.push((name, value));
    }
    out
}
