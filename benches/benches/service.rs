//! The tower layer's added cost per request, side by side with a hand-written axum
//! middleware (matchit, keys in a `HashMap`, scopes in a `HashSet<String>`), on each seed
//! policy's test cases sent in-process with `tower::ServiceExt::oneshot`.
//!
//! Run: `cargo bench -p scopec-bench --bench service`. Each benchmark sends every request
//! of the mix once per iteration through the same inner axum router (an echo handler);
//! `bare` is that router alone, so `layer − bare` and `hand_written − bare` are what each
//! middleware adds (see BENCHMARKS.md).

use std::hint::black_box;
use std::sync::LazyLock;

use axum::Router;
use divan::Bencher;
use divan::counter::ItemsCount;
use scopec_bench::Bench;
use scopec_bench::service::{Mix, hand_written, inner, mix};
use scopec_example_service::seeds;
use scopec_tower::{Config, ScopecLayer};
use tower::ServiceExt;

fn main() {
    divan::main();
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime")
}

/// Sends every case through `app`, checking each status (so that no variant measures a
/// shortcut), and returns how many were sent.
fn send_all(rt: &tokio::runtime::Runtime, app: &Router, mix: &[scopec_bench::service::HttpCase], check: bool) {
    for case in mix {
        let response = rt.block_on(app.clone().oneshot(case.request()));
        let status = response.map(|r| r.status().as_u16()).unwrap_or(0);
        if check {
            assert_eq!(status, case.status, "{} {}", case.method, case.target);
        }
        black_box(status);
    }
}

macro_rules! policy {
    ($module:ident, $name:literal) => {
        mod $module {
            use super::*;

            type P = seeds::$module::Policy;
            static MIX: LazyLock<Mix<P>> = LazyLock::new(|| mix::<P>(&Bench::load($name)));

            #[divan::bench]
            fn bare(b: Bencher) {
                let (rt, app) = (runtime(), inner());
                b.counter(ItemsCount::new(MIX.cases.len())).bench_local(|| send_all(&rt, &app, &MIX.cases, false));
            }

            #[divan::bench]
            fn layer(b: Bencher) {
                let rt = runtime();
                let app = inner().layer(ScopecLayer::<P, _>::new(MIX.store.clone(), Config::default()));
                send_all(&rt, &app, &MIX.cases, true);
                b.counter(ItemsCount::new(MIX.cases.len())).bench_local(|| send_all(&rt, &app, &MIX.cases, false));
            }

            #[divan::bench]
            fn hand_written(b: Bencher) {
                let rt = runtime();
                let mw = axum::middleware::from_fn_with_state(MIX.hand.clone(), super::hand_written);
                let app = inner().layer(mw);
                b.counter(ItemsCount::new(MIX.cases.len())).bench_local(|| send_all(&rt, &app, &MIX.cases, false));
            }
        }
    };
}

policy!(maxcare, "maxcare");
policy!(plusmedical, "plusmedical");
policy!(rxscale, "rxscale");
