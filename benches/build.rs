//! Generates the Rust tables of the seed policies and of a 1,000-endpoint synthetic
//! policy into OUT_DIR, as a service's build script would.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out);
    for name in ["maxcare", "rxscale", "plusmedical"] {
        let policy = format!("../policies/{name}.policy");
        println!("cargo:rerun-if-changed={policy}");
        if let Err(e) = scopec::generate::rust_module(&policy, out.join(format!("{name}.rs"))) {
            panic!("{e}");
        }
    }
    let text = scopec::synth::generate(&scopec::synth::SynthConfig::default());
    let model = scopec::compile(&text).expect("the synthetic policy is valid");
    let code = scopec::emit::rust::generate(&model).expect("the synthetic policy fits the tables");
    std::fs::write(out.join("synthetic.rs"), code).expect("OUT_DIR is writable");
}
