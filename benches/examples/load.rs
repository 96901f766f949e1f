//! A bounded loopback load run: axum over the RxScale policy's test cases, three stacks
//! side by side in one run, `--rounds` times each, alternating: the scopec-tower layer
//! with keys in the SQLite store (the example service's stack), the layer with keys in
//! memory, and the hand-written middleware (matchit, `HashMap`, `HashSet<String>`).
//! Clients on `--concurrency` keep-alive connections send the cases round-robin until
//! `--requests` are sent or `--seconds` have passed, and check every answer: its status,
//! and on allow that each field the policy strips is absent and each masked one masked.
//!
//! Run: `cargo run --release -p scopec-bench --example load -- --requests 200000`.
//! Client and server share the machine (one two-worker runtime). Exits 1 if a scopec
//! stack had an error or a wrong answer; the hand-written middleware's wrong answers are
//! counted and shown (it does not check targets).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use scopec_bench::Bench;
use scopec_bench::service::{HttpCase, hand_written, inner, mix};
use scopec_example_service::seeds::rxscale::Policy;
use scopec_keystore::{NewKey, Options, SqliteStore, SystemClock};
use scopec_tower::{Config, ScopecLayer};

struct Args {
    requests: usize,
    concurrency: usize,
    seconds: u64,
    rounds: usize,
}

fn args() -> Args {
    let mut a = Args { requests: 200_000, concurrency: 64, seconds: 60, rounds: 3 };
    let argv: Vec<String> = std::env::args().skip(1).collect();
    for pair in argv.chunks(2) {
        let value =
            pair.get(1).and_then(|v| v.parse::<u64>().ok()).unwrap_or_else(|| panic!("{} needs a number", pair[0]));
        match pair[0].as_str() {
            "--requests" => a.requests = value as usize,
            "--concurrency" => a.concurrency = value as usize,
            "--seconds" => a.seconds = value,
            "--rounds" => a.rounds = value as usize,
            other => panic!("unknown option {other}"),
        }
    }
    a
}

/// The RxScale mix with its keys issued by the SQLite store (which makes its own secrets).
fn cases_and_store(db: &std::path::Path) -> (Vec<HttpCase>, SqliteStore<SystemClock>) {
    let bench = Bench::load("rxscale");
    let mix = mix::<Policy>(&bench);
    let store = SqliteStore::open(db, Options::default(), SystemClock).expect("open the store");
    let mut cases = mix.cases.clone();
    for (case, key) in cases.iter_mut().zip(&mix.keys) {
        let Some((text, scopes, _, kind)) = key else { continue };
        let new = NewKey {
            api: case.api.to_string(),
            kind: kind.clone(),
            scopes: scopes.clone(),
            label: "load".into(),
            ..NewKey::default()
        };
        let issued = store.create(&new, "load").expect("create a key");
        case.target = case.target.replace(text.as_str(), &issued.secret);
        for (_, v) in &mut case.headers {
            if v.to_str().ok() == Some(text.as_str()) {
                *v = http::HeaderValue::from_str(&issued.secret).expect("a key is a header value");
            }
        }
    }
    (cases, store)
}

/// Whether an answer is the one the engine decided.
fn right(case: &HttpCase, status: u16, body: &[u8]) -> bool {
    if status != case.status {
        return false;
    }
    if status != 200 {
        return true;
    }
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else { return false };
    case.strip.iter().all(|f| v.get(f).is_none())
        && case.mask.iter().all(|f| v.get(f) == Some(&serde_json::json!("***")))
}

/// What one run of one stack measured.
struct Stats {
    requests: usize,
    seconds: f64,
    p50: u32,
    p99: u32,
    errors: usize,
    wrong: Vec<String>,
}

impl Stats {
    fn rps(&self) -> f64 {
        self.requests as f64 / self.seconds
    }
}

/// Serves `app` and runs the clients against it.
async fn run(app: axum::Router, cases: Arc<Vec<HttpCase>>, args: &Args) -> Stats {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let start = Instant::now();
    let clients: Vec<_> = (0..args.concurrency)
        .map(|_| {
            let (cases, next) = (Arc::clone(&cases), Arc::clone(&next));
            let total = args.requests;
            tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
                let (mut sender, conn) =
                    hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("handshake");
                tokio::spawn(conn);
                let (mut latencies, mut errors, mut wrong) = (Vec::new(), 0usize, Vec::new());
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total || Instant::now() > deadline {
                        break;
                    }
                    let case = &cases[i % cases.len()];
                    let mut request = http::Request::builder()
                        .method(case.method.clone())
                        .uri(&case.target)
                        .header("host", "localhost");
                    for (k, v) in &case.headers {
                        request = request.header(k, v);
                    }
                    let request = request.body(Full::new(Bytes::new())).expect("request");
                    let sent = Instant::now();
                    let answer = match sender.send_request(request).await {
                        Ok(r) => {
                            let status = r.status().as_u16();
                            r.into_body().collect().await.map(|b| (status, b.to_bytes()))
                        }
                        Err(e) => {
                            errors += 1;
                            eprintln!("request failed: {e}");
                            break;
                        }
                    };
                    latencies.push(sent.elapsed().as_micros() as u32);
                    match answer {
                        Ok((status, body)) if right(case, status, &body) => {}
                        Ok((status, _)) => {
                            wrong.push(format!("{} {}: {status}, expected {}", case.method, case.target, case.status))
                        }
                        Err(_) => errors += 1,
                    }
                }
                (latencies, errors, wrong)
            })
        })
        .collect();
    let (mut latencies, mut errors, mut wrong) = (Vec::new(), 0, Vec::new());
    for c in clients {
        let (l, e, w) = c.await.expect("client task");
        latencies.extend(l);
        errors += e;
        wrong.extend(w);
    }
    let seconds = start.elapsed().as_secs_f64();
    server.abort();
    latencies.sort_unstable();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 * p) as usize).min(latencies.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    Stats { requests: latencies.len(), seconds, p50: pct(0.50), p99: pct(0.99), errors, wrong }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = args();
    let db = std::env::temp_dir().join(format!("scopec-load-{}.db", std::process::id()));
    let (sqlite_cases, store) = cases_and_store(&db);
    let store = Arc::new(store);
    let memory = mix::<Policy>(&Bench::load("rxscale"));
    let (sqlite_cases, memory_cases) = (Arc::new(sqlite_cases), Arc::new(memory.cases.clone()));
    let names = ["layer + SQLite", "layer + memory", "hand-written"];
    let mut results: Vec<Vec<Stats>> = vec![Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..args.rounds {
        for (i, result) in results.iter_mut().enumerate() {
            let (app, cases) = match i {
                0 => (
                    inner().layer(ScopecLayer::<Policy, _>::new(Arc::clone(&store), Config::default())),
                    Arc::clone(&sqlite_cases),
                ),
                1 => (
                    inner().layer(ScopecLayer::<Policy, _>::new(memory.store.clone(), Config::default())),
                    Arc::clone(&memory_cases),
                ),
                _ => (
                    inner().layer(axum::middleware::from_fn_with_state(memory.hand.clone(), hand_written)),
                    Arc::clone(&memory_cases),
                ),
            };
            result.push(run(app, cases, &args).await);
        }
    }
    println!(
        "{} requests per run, concurrency {}, {} rounds, {} cases round-robin; medians over rounds",
        args.requests,
        args.concurrency,
        args.rounds,
        memory_cases.len()
    );
    println!("| stack | requests/s | p50 | p99 | errors | wrong answers |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut failed = false;
    for (name, runs) in names.iter().zip(&results) {
        let errors: usize = runs.iter().map(|r| r.errors).sum();
        let wrong: usize = runs.iter().map(|r| r.wrong.len()).sum();
        let sent: usize = runs.iter().map(|r| r.requests).sum();
        println!(
            "| {name} | {:.0} | {:.0} µs | {:.0} µs | {errors} | {wrong} of {sent} |",
            median(runs.iter().map(Stats::rps).collect()),
            median(runs.iter().map(|r| f64::from(r.p50)).collect()),
            median(runs.iter().map(|r| f64::from(r.p99)).collect()),
        );
        if !name.starts_with("hand") && (errors > 0 || wrong > 0) {
            failed = true;
        }
        let mut shown: Vec<&String> = runs.iter().flat_map(|r| &r.wrong).collect();
        shown.sort();
        shown.dedup();
        for w in shown.iter().take(8) {
            println!("  {name}: {w}");
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    if failed {
        std::process::exit(1);
    }
}
