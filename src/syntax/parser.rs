//! The pest parser and the translation of its errors into diagnostics.

use pest::Parser as _;
use pest::iterators::Pair;

use crate::codes;
use crate::diagnostic::{Diagnostic, Span};

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/policy.pest"]
pub(crate) struct PolicyParser;

/// Runs the grammar over `source`, returning the `file` pair.
pub(crate) fn parse_file(source: &str) -> Result<Pair<'_, Rule>, Box<Diagnostic>> {
    let mut pairs = PolicyParser::parse(Rule::file, source).map_err(|e| Box::new(syntax_error(source, &e)))?;
    pairs.next().ok_or_else(|| Box::new(Diagnostic::internal(Span::new(0, 0), "the parser returned no `file` node")))
}

/// Turns a pest error into an `E0001` diagnostic pointing at the offending token.
fn syntax_error(source: &str, error: &pest::error::Error<Rule>) -> Diagnostic {
    let pos = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let found = found_token(source, pos);
    let found_text =
        if found.is_empty() { "end of file".to_string() } else { format!("`{}`", &source[found.start..found.end]) };
    let (expected, keywords) = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => expected_list(positives),
        pest::error::ErrorVariant::CustomError { message } => (message.clone(), Vec::new()),
    };
    let label = if found.is_empty() { "the file ends here" } else { "unexpected here" };
    let mut d =
        Diagnostic::error(codes::SYNTAX, found, format!("expected {expected}, found {found_text}")).with_label(label);
    if let Some(word) = source.get(found.start..found.end)
        && let Some(best) = crate::diagnostic::suggest::closest(word, keywords.iter().copied())
    {
        d = d.with_help(format!("did you mean `{best}`?"));
    }
    if found_text == "`(`" || found_text == "`)`" {
        d = d.with_note("parentheses group scope expressions: `requires (a | b) & c`");
    }
    d
}

/// The token at `pos`: up to the next whitespace, at least one character, or empty at EOF.
fn found_token(source: &str, pos: usize) -> Span {
    let rest = source.get(pos..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return Span::new(source.len(), source.len());
    };
    if !is_word_char(first) {
        return Span::new(pos, pos + first.len_utf8());
    }
    let len: usize = rest.chars().take_while(|c| is_word_char(*c)).map(char::len_utf8).sum();
    Span::new(pos, pos + len)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '.')
}

/// "a scope name, `scope` or `alias`" from the rules pest tried, plus the keywords among
/// them (for "did you mean").
fn expected_list(rules: &[Rule]) -> (String, Vec<&'static str>) {
    let mut names: Vec<&'static str> = Vec::new();
    let mut keywords = Vec::new();
    let meaningful: Vec<Rule> =
        rules.iter().copied().filter(|r| !matches!(r, Rule::COMMENT | Rule::WHITESPACE)).collect();
    let others = meaningful.iter().any(|r| *r != Rule::EOI);
    for rule in meaningful {
        if rule == Rule::EOI && others {
            continue;
        }
        let name = describe(rule);
        if let Some(kw) = name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
            keywords.push(kw);
        }
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let text = match names.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    };
    (text, keywords)
}

/// How a rule is named in an error message.
fn describe(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "end of file",
        Rule::string | Rule::string_inner => "a string",
        Rule::scope_name | Rule::bare_scope => "a scope name",
        Rule::scope_list => "a list of scopes",
        Rule::scope_expr | Rule::op_or | Rule::op_and => "a scope expression",
        Rule::requirement => "`public`, `authenticated` or a scope expression",
        Rule::access => "an access level (`read`, `write` or `admin`)",
        Rule::ident => "a name",
        Rule::method => "an HTTP method",
        Rule::path => "a path starting with `/`",
        Rule::target => "a request target",
        Rule::integer => "a number",
        Rule::duration => "a duration such as `24h`",
        Rule::status => "an HTTP status such as `403`",
        Rule::field | Rule::field_list => "a field name",
        Rule::query_match => "a query condition such as `?flag=true`",
        Rule::query_key => "a query parameter name",
        Rule::query_value => "a query parameter value",
        Rule::expiry_mode => "`optional`, `required` or `none`",
        Rule::endpoint => "an endpoint",
        Rule::expectation => "an expected decision",
        Rule::scheme_bearer => "`bearer`",
        Rule::legacy => "`legacy`",
        Rule::key_format => "`prefix`",
        Rule::key_length => "`length`",
        Rule::key_env => "`env`",
        Rule::policy_block => "`policy`",
        Rule::group_block => "`group`",
        Rule::scope_decl => "`scope`",
        Rule::alias_decl => "`alias`",
        Rule::api_block => "`api`",
        Rule::bundle_decl => "`bundle`",
        Rule::forbid_decl => "`forbid`",
        Rule::rate_decl | Rule::rate_use => "`rate`",
        Rule::body_param => "`body`",
        Rule::errors_block => "`errors`",
        Rule::test_block => "`test`",
        Rule::test_case => "a test case",
        Rule::note => "`note`",
        Rule::scope_requires => "`requires`",
        Rule::scope_implies => "`implies`",
        Rule::scope_since => "`since`",
        Rule::scope_deprecated => "`deprecated`",
        Rule::meta_version => "`version`",
        Rule::meta_docs => "`docs`",
        Rule::api_base => "`base`",
        Rule::api_auth => "`auth`",
        Rule::api_header => "`header`",
        Rule::api_effective => "`effective`",
        Rule::keys_block => "`keys`",
        Rule::endpoint_body => "`{`",
        Rule::rule_strip | Rule::expect_strip => "`strip`",
        Rule::rule_mask | Rule::expect_mask => "`mask`",
        Rule::rule_filter | Rule::expect_filter => "`filter`",
        Rule::rule_oblige | Rule::expect_oblige => "`oblige`",
        Rule::value_set => "a value set such as `in (a, b)`",
        Rule::set_value | Rule::bare_value => "a value",
        Rule::param_default => "`default`",
        Rule::unless => "`unless`",
        Rule::when_clause => "`when`",
        Rule::query_param => "`query`",
        Rule::error_body => "an error body such as `403 forbidden \"…\"`",
        Rule::error_trace => "`trace`",
        Rule::test_api => "`api`",
        Rule::test_key => "`with`",
        Rule::test_via => "`via`",
        Rule::test_grant => "`grant`",
        Rule::no_scopes => "`no scopes`",
        Rule::expect_allow => "`allow`",
        Rule::expect_deny => "`deny`",
        Rule::expect_unauthenticated => "`unauthenticated`",
        Rule::expect_not_found => "`not-found`",
        Rule::expect_method_not_allowed => "`method-not-allowed`",
        Rule::expect_rejected => "`rejected`",
        Rule::key_kind => "`kind`",
        Rule::key_stored => "`stored`",
        Rule::key_shown => "`shown`",
        Rule::key_rotation => "`rotation`",
        Rule::key_expiry => "`expiry`",
        Rule::key_revocation => "`revocation`",
        Rule::key_audit => "`audit`",
        other => keyword_text(other).unwrap_or("a token"),
    }
}

/// The spelling of a `kw_*` rule, in backticks.
fn keyword_text(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::kw_policy => "`policy`",
        Rule::kw_version => "`version`",
        Rule::kw_docs => "`docs`",
        Rule::kw_server => "`server`",
        Rule::kw_license => "`license`",
        Rule::kw_note => "`note`",
        Rule::kw_rate => "`rate`",
        Rule::kw_body => "`body`",
        Rule::kw_group => "`group`",
        Rule::kw_scope => "`scope`",
        Rule::kw_scopes => "`scopes`",
        Rule::kw_requires => "`requires`",
        Rule::kw_implies => "`implies`",
        Rule::kw_since => "`since`",
        Rule::kw_deprecated => "`deprecated`",
        Rule::kw_alias => "`alias`",
        Rule::kw_api => "`api`",
        Rule::kw_base => "`base`",
        Rule::kw_auth => "`auth`",
        Rule::kw_header => "`header`",
        Rule::kw_query => "`query`",
        Rule::kw_prefix => "`prefix`",
        Rule::kw_length => "`length`",
        Rule::kw_env => "`env`",
        Rule::kw_required => "`required`",
        Rule::kw_optional => "`optional`",
        Rule::kw_effective => "`effective`",
        Rule::kw_keys => "`keys`",
        Rule::kw_kind => "`kind`",
        Rule::kw_format => "`format`",
        Rule::kw_any => "`any`",
        Rule::kw_matching => "`matching`",
        Rule::kw_stored => "`stored`",
        Rule::kw_shown => "`shown`",
        Rule::kw_once => "`once`",
        Rule::kw_rotation => "`rotation`",
        Rule::kw_grace => "`grace`",
        Rule::kw_expiry => "`expiry`",
        Rule::kw_revocation => "`revocation`",
        Rule::kw_immediate => "`immediate`",
        Rule::kw_audit => "`audit`",
        Rule::kw_public => "`public`",
        Rule::kw_authenticated => "`authenticated`",
        Rule::kw_strip => "`strip`",
        Rule::kw_mask => "`mask`",
        Rule::kw_filter => "`filter`",
        Rule::kw_oblige => "`oblige`",
        Rule::kw_in => "`in`",
        Rule::kw_default => "`default`",
        Rule::kw_unless => "`unless`",
        Rule::kw_when => "`when`",
        Rule::kw_bundle => "`bundle`",
        Rule::kw_forbid => "`forbid`",
        Rule::kw_errors => "`errors`",
        Rule::kw_trace => "`trace`",
        Rule::kw_test => "`test`",
        Rule::kw_with => "`with`",
        Rule::kw_via => "`via`",
        Rule::kw_grant => "`grant`",
        Rule::kw_no => "`no`",
        Rule::kw_allow => "`allow`",
        Rule::kw_deny => "`deny`",
        Rule::kw_missing => "`missing`",
        Rule::kw_unauthenticated => "`unauthenticated`",
        Rule::kw_not_found => "`not-found`",
        Rule::kw_method_not_allowed => "`method-not-allowed`",
        Rule::kw_rejected => "`rejected`",
        _ => return None,
    })
}

/// Keyword and comment pairs that lowering skips.
pub(crate) fn is_trivia(rule: Rule) -> bool {
    match rule {
        Rule::COMMENT | Rule::EOI => true,
        // These keywords choose between alternatives, so lowering reads them.
        Rule::kw_public
        | Rule::kw_authenticated
        | Rule::kw_required
        | Rule::kw_optional
        | Rule::kw_immediate
        | Rule::kw_any => false,
        other => keyword_text(other).is_some(),
    }
}
