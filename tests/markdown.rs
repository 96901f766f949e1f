//! Markdown docs carry every fact of the seed pages; templates can be replaced; strict
//! templates fail cleanly.

mod common;

use scopec::emit::markdown;

fn docs(name: &str) -> String {
    let hb = markdown::registry(None).unwrap();
    markdown::render(&common::seed(name), &hb).unwrap()
}

fn assert_facts(name: &str, facts: &[&str]) {
    let text = docs(name);
    let missing: Vec<&&str> = facts.iter().filter(|f| !text.contains(**f)).collect();
    assert!(missing.is_empty(), "{name}: the docs lack {missing:?}");
}

#[test]
fn maxcare_docs_carry_the_seed_facts() {
    assert_facts(
        "maxcare",
        &[
            "intersection of the key's scopes and the `installation` grants",
            "`read:encounters` (same as this scope)",
            "Requires `read:notes` too",
            "`GET /v3/notes?includeSoapNote=true`",
            "With `?includeSoapNote=true`, the request also needs `read:soap_notes`",
            "`max_prd_ak_`",
            "`max_dev_ak_`",
            "| production |",
            "| staging |",
            "`X-Organization-Id`",
            "`Authorization: Bearer <key>`",
            "**Data API key**",
            "**Account API key**",
            "shown only once",
            "Insufficient scope. Required: {missing}",
            "Invalid or missing API key",
            "\"trace_id\"",
            "`/v3/marketplace/me` | any valid key",
            "`providerId` query parameter required",
            "Edit impression fields (ModMed only)",
            "re-approve the updated permissions",
            "| `write:inventory` | write | `POST /v3/inventory/changes` |",
        ],
    );
}

#[test]
fn rxscale_docs_carry_the_seed_facts() {
    assert_facts(
        "rxscale",
        &[
            "`PATCH /v1/external_pharmacy_api/pharmacy_skus/{uid}/stock` (or `pharmacy_sku_write`)",
            "Unless the key holds `prescription:read`, `prescription` is removed from the response",
            "`X-RxScale-Authorization: <key>` (legacy: still accepted, not recommended)",
            "| Pharmacy stock sync | `stock_read`, `pharmacy_sku_write` |",
            "| Organisation analytics dashboard |",
            "| Waiting room integration |",
            "| Wallet pass management |",
            "Add these to any of the pharmacy sets above",
            "Permission denied",
            "keys created before must have it added",
            "`@require_api_key_permission`",
            "`GET /v1/management_api/products/`; `GET /v1/public_api/products/{shop_identifier}`",
            "principle of least privilege",
            "`email` query parameter required",
        ],
    );
}

#[test]
fn plusmedical_docs_carry_the_seed_facts() {
    assert_facts(
        "plusmedical",
        &[
            "`pm_live_`",
            "48 characters",
            "SHA-256",
            "grace window of 24h (24 hours)",
            "optional expiry date",
            "Revocation is immediate and permanent",
            "immutable audit log",
            "Unless the key holds `write:patients`, `email` and `phone` are masked",
            "Only issued documents are returned",
            "visits, lab values, treatment plans, documents",
            "GDPR",
            "`insufficient_scope`",
            "Missing scope: {missing}",
            "Tenant isolation",
            "row-level security",
            "second organization on a trial or development subscription",
        ],
    );
}

/// The seeds' pages are goldens in `generated/docs/` (checked by `tests/build.rs`); here,
/// only that rendering is deterministic.
#[test]
fn docs_are_deterministic() {
    for name in ["maxcare", "plusmedical", "rxscale"] {
        assert_eq!(docs(name), docs(name));
    }
}

fn template_dir(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("scopec-templates-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (f, text) in files {
        std::fs::write(dir.join(f), text).unwrap();
    }
    dir
}

#[test]
fn user_templates_replace_built_in_ones() {
    let dir = template_dir(
        "override",
        &[
            ("bundles.md.hbs", "## Our picks\n\n{{#each bundles}}\n- {{name}} ({{> count}})\n{{/each}}\n"),
            ("count.md.hbs", "{{len scopes}} scopes"),
        ],
    );
    let hb = markdown::registry(Some(&dir)).unwrap();
    let text = markdown::render(&common::seed("rxscale"), &hb).unwrap();
    assert!(text.contains("## Our picks\n\n- Pharmacy order management system (2 scopes)\n"), "{text}");
    assert!(!text.contains("Choosing the right permissions"));
    assert!(text.contains("## Scopes"), "the other built-in templates stay");
}

#[test]
fn strict_templates_report_unknown_fields() {
    let dir = template_dir("strict", &[("overview.md.hbs", "{{no_such_field}}\n")]);
    let hb = markdown::registry(Some(&dir)).unwrap();
    let err = markdown::render(&common::seed("maxcare"), &hb).unwrap_err();
    assert!(err.to_string().contains("no_such_field"), "{err}");
    let dir = template_dir("broken", &[("overview.md.hbs", "{{#each}}\n")]);
    assert!(markdown::registry(Some(&dir)).is_err());
}

/// A `|` or a newline in a quoted scope name stays inside its table cell.
#[test]
fn scope_names_cannot_break_the_scope_table() {
    let text = "policy \"P\" { version \"1\" }\nscope \"a|b\\nc\" read \"A\"\napi x { auth bearer GET /a requires \"a|b\\nc\" \"A\" }\n";
    let model = scopec::compile(text).unwrap();
    let page = scopec::emit::markdown::render(&model, &scopec::emit::markdown::registry(None).unwrap()).unwrap();
    let row = page.lines().find(|l| l.contains("a\\|b")).unwrap_or_else(|| panic!("no escaped row:\n{page}"));
    assert_eq!(row.matches(" | ").count() + 1, 4, "{row}");
}
