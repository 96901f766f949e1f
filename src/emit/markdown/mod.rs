//! Markdown portal docs, rendered with handlebars templates in strict mode. The built-in
//! templates can be replaced one by one: a file `NAME.md.hbs` in the user's template
//! directory replaces the built-in template `NAME`.

mod context;

use std::path::Path;

use handlebars::{Handlebars, handlebars_helper};

pub use context::PolicyDoc;

use crate::model::Model;

/// The built-in templates: `policy` is the page, the others are partials it includes.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("policy", include_str!("templates/policy.md.hbs")),
    ("overview", include_str!("templates/overview.md.hbs")),
    ("authentication", include_str!("templates/authentication.md.hbs")),
    ("scopes", include_str!("templates/scopes.md.hbs")),
    ("data", include_str!("templates/data.md.hbs")),
    ("errors", include_str!("templates/errors.md.hbs")),
    ("bundles", include_str!("templates/bundles.md.hbs")),
    ("endpoints", include_str!("templates/endpoints.md.hbs")),
];

/// Why docs could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum DocsError {
    #[error("cannot read template {path}: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("template `{name}` is invalid: {message}")]
    Template { name: String, message: String },
    #[error("rendering failed: {0}")]
    Render(String),
}

/// `{{cell TEXT}}`: the text as a table cell (`|` escaped, line breaks as spaces), written
/// straight to the page: one cell per row of every table, so no copy of the text is made.
struct Cell;

impl handlebars::HelperDef for Cell {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc handlebars::Context,
        _: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        let text = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            handlebars::RenderErrorReason::ParamTypeMismatchForName("cell", "0".into(), "string".into())
        })?;
        let mut rest = text;
        while let Some(at) = rest.find(['|', '\n']) {
            out.write(&rest[..at])?;
            out.write(if rest[at..].starts_with('|') { "\\|" } else { " " })?;
            rest = &rest[at + 1..];
        }
        out.write(rest)?;
        Ok(())
    }
}

handlebars_helper!(join: |items: array, sep: str| {
    items.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect::<Vec<_>>().join(sep)
});
handlebars_helper!(is_auth_error: |status: u64| status == 401 || status == 403);

/// `{{section "scopes"}}`: renders the template `scopes` with the current context, as
/// `{{> scopes}}` does, but without the copy of the whole context handlebars makes for
/// every partial (the page's context is the size of the policy: seven copies of it made
/// the Markdown stage the slowest of `build`).
struct Section;

impl handlebars::HelperDef for Section {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc handlebars::Context,
        rc: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        use handlebars::Renderable;
        let name = h.param(0).and_then(|p| p.value().as_str()).ok_or_else(|| {
            handlebars::RenderErrorReason::ParamTypeMismatchForName("section", "0".into(), "string".into())
        })?;
        let template =
            r.get_template(name).ok_or_else(|| handlebars::RenderErrorReason::PartialNotFound(name.to_string()))?;
        template.render(r, ctx, rc, out)
    }
}

/// A template registry with the built-in templates, each replaced by `DIR/NAME.md.hbs`
/// when `dir` has one. Other `*.md.hbs` files in `dir` are registered as extra partials.
pub fn registry(dir: Option<&Path>) -> Result<Handlebars<'static>, DocsError> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(handlebars::no_escape);
    hb.register_helper("cell", Box::new(Cell));
    hb.register_helper("join", Box::new(join));
    hb.register_helper("is_auth_error", Box::new(is_auth_error));
    hb.register_helper("section", Box::new(Section));
    let mut templates: Vec<(String, String)> = TEMPLATES.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    if let Some(dir) = dir {
        let read_err = |error| DocsError::Read { path: dir.display().to_string(), error };
        let mut entries: Vec<_> =
            std::fs::read_dir(dir).map_err(read_err)?.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".md.hbs")) else {
                continue;
            };
            let text = std::fs::read_to_string(&path)
                .map_err(|error| DocsError::Read { path: path.display().to_string(), error })?;
            match templates.iter_mut().find(|(n, _)| n == name) {
                Some(t) => t.1 = text,
                None => templates.push((name.to_string(), text)),
            }
        }
    }
    for (name, text) in templates {
        let result = if name == "policy" {
            hb.register_template_string(&name, &text)
        } else {
            hb.register_partial(&name, text.as_str()).map(|_| ())
        };
        result.map_err(|e| DocsError::Template { name: name.clone(), message: e.to_string() })?;
    }
    Ok(hb)
}

/// Renders a policy's docs page.
pub fn render(model: &Model, hb: &Handlebars<'_>) -> Result<String, DocsError> {
    // The page's data as handlebars reads it (JSON), its strings moved out of the typed
    // form, not copied: both are the size of the policy.
    let context = handlebars::Context::from(context::IntoJson::into_json(context::build(model)));
    let text = hb.render_with_context("policy", &context).map_err(|e| DocsError::Render(e.to_string()))?;
    Ok(normalize(&text))
}

/// One blank line at most between blocks, no trailing spaces, one final newline.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn blank_lines_are_normalized() {
        assert_eq!(normalize("# a  \n\n\n\nb\n\n"), "# a\n\nb\n");
    }
}
