//! Lowering of top-level items other than apis and tests.

use pest::iterators::Pair;

use super::tokens::{scope_list, scope_name, string, word};
use super::{Kids, Lower, Lowered, span};
use crate::syntax::ast::{
    Access, AliasDecl, BundleDecl, Deprecated, ErrorBody, ErrorsBlock, ForbidDecl, GroupBlock, Item, PolicyBlock,
    PolicyStmt, RateDecl, ScopeDecl, ScopeOption,
};
use crate::syntax::parser::Rule;

impl Lower {
    /// `item`: dispatches on the declaration's rule.
    pub(crate) fn item(&mut self, pair: Pair<'_, Rule>) -> Lowered<Item> {
        Ok(match pair.as_rule() {
            Rule::policy_block => Item::Policy(policy_block(pair)?),
            Rule::group_block => Item::Group(group_block(pair)?),
            Rule::scope_decl => Item::Scope(scope_decl(pair)?),
            Rule::alias_decl => Item::Alias(alias_decl(pair)?),
            Rule::api_block => Item::Api(self.api_block(pair)?),
            Rule::bundle_decl => Item::Bundle(bundle_decl(pair)?),
            Rule::forbid_decl => Item::Forbid(forbid_decl(pair)?),
            Rule::rate_decl => Item::Rate(rate_decl(pair)?),
            Rule::kind_decl => Item::Kind(self.kind_decl(pair)?),
            Rule::errors_block => Item::Errors(self.errors_block(pair)?),
            Rule::test_block => Item::Test(self.test_block(pair)?),
            other => {
                return Err(Box::new(crate::diagnostic::Diagnostic::internal(
                    span(&pair),
                    format!("unexpected {other:?} at the top level"),
                )));
            }
        })
    }

    /// `errors_block`
    pub(crate) fn errors_block(&mut self, pair: Pair<'_, Rule>) -> Lowered<ErrorsBlock> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let mut bodies = Vec::new();
        let mut traces = Vec::new();
        while let Some(p) = kids.next_any() {
            match p.as_rule() {
                Rule::error_body => bodies.push(self.error_body(p)?),
                Rule::error_trace => traces.push(string(Kids::of(p).take(Rule::string)?)?),
                _ => return Err(kids.unexpected(&p)),
            }
        }
        Ok(ErrorsBlock { bodies, traces, span: sp })
    }

    /// `error_body`
    fn error_body(&mut self, pair: Pair<'_, Rule>) -> Lowered<ErrorBody> {
        let sp = span(&pair);
        let mut kids = Kids::of(pair);
        let status = kids.take(Rule::status)?;
        let n = self.integer(&status);
        Ok(ErrorBody {
            status: u16::try_from(n).unwrap_or(u16::MAX),
            status_span: span(&status),
            code: word(&kids.take(Rule::ident)?),
            message: string(kids.take(Rule::string)?)?,
            span: sp,
        })
    }
}

/// `policy_block`
fn policy_block(pair: Pair<'_, Rule>) -> Lowered<PolicyBlock> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let title = string(kids.take(Rule::string)?)?;
    let mut stmts = Vec::new();
    while let Some(p) = kids.next_any() {
        let rule = p.as_rule();
        let psp = span(&p);
        let mut inner = Kids::of(p.clone());
        let text = string(inner.take(Rule::string)?)?;
        let second = inner.take_if(Rule::string).map(string).transpose()?;
        stmts.push(match rule {
            Rule::meta_version => PolicyStmt::Version(text),
            Rule::meta_docs => PolicyStmt::Docs(text),
            Rule::meta_server => PolicyStmt::Server(text, second),
            Rule::meta_license => PolicyStmt::License(text, second, psp),
            Rule::note => PolicyStmt::Note(text),
            _ => return Err(kids.unexpected(&p)),
        });
    }
    Ok(PolicyBlock { title, stmts, span: sp })
}

/// `note`: the string after the keyword.
pub(crate) fn note(pair: Pair<'_, Rule>) -> Lowered<crate::syntax::ast::Text> {
    string(Kids::of(pair).take(Rule::string)?)
}

/// `group_block`
fn group_block(pair: Pair<'_, Rule>) -> Lowered<GroupBlock> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let name = string(kids.take(Rule::string)?)?;
    let mut scopes = Vec::new();
    let mut notes = Vec::new();
    while let Some(p) = kids.next_any() {
        match p.as_rule() {
            Rule::scope_decl => scopes.push(scope_decl(p)?),
            Rule::note => notes.push(note(p)?),
            _ => return Err(kids.unexpected(&p)),
        }
    }
    Ok(GroupBlock { name, scopes, notes, span: sp })
}

/// `scope_decl`
fn scope_decl(pair: Pair<'_, Rule>) -> Lowered<ScopeDecl> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let name = scope_name(kids.take(Rule::scope_name)?)?;
    let access_pair = kids.take(Rule::access)?;
    let access = match access_pair.as_str() {
        "read" => Access::Read,
        "write" => Access::Write,
        _ => Access::Admin,
    };
    let description = kids.take_if(Rule::string).map(string).transpose()?;
    let mut options = Vec::new();
    while let Some(p) = kids.next_any() {
        let psp = span(&p);
        options.push(match p.as_rule() {
            Rule::scope_requires => ScopeOption::Requires(scope_list(Kids::of(p).take(Rule::scope_list)?)?, psp),
            Rule::scope_implies => ScopeOption::Implies(scope_list(Kids::of(p).take(Rule::scope_list)?)?, psp),
            Rule::scope_since => ScopeOption::Since(string(Kids::of(p).take(Rule::string)?)?, psp),
            Rule::scope_deprecated => ScopeOption::Deprecated(scope_deprecated(p)?),
            _ => return Err(kids.unexpected(&p)),
        });
    }
    Ok(ScopeDecl { name, access, access_span: span(&access_pair), description, options, span: sp })
}

/// `scope_deprecated`
fn scope_deprecated(pair: Pair<'_, Rule>) -> Lowered<Deprecated> {
    let sp = span(&pair);
    let reason = Kids::of(pair).take_if(Rule::string).map(string).transpose()?;
    Ok(Deprecated { reason, span: sp })
}

/// `alias_decl`
fn alias_decl(pair: Pair<'_, Rule>) -> Lowered<AliasDecl> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    Ok(AliasDecl {
        name: scope_name(kids.take(Rule::scope_name)?)?,
        target: scope_name(kids.take(Rule::scope_name)?)?,
        deprecated: kids.take_if(Rule::scope_deprecated).map(scope_deprecated).transpose()?,
        span: sp,
    })
}

/// `bundle_decl`
fn bundle_decl(pair: Pair<'_, Rule>) -> Lowered<BundleDecl> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    Ok(BundleDecl {
        name: string(kids.take(Rule::string)?)?,
        scopes: scope_list(kids.take(Rule::scope_list)?)?,
        description: kids.take_if(Rule::string).map(string).transpose()?,
        span: sp,
    })
}

/// `rate_decl`
fn rate_decl(pair: Pair<'_, Rule>) -> Lowered<RateDecl> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let name = word(&kids.take(Rule::ident)?);
    Ok(RateDecl { name, description: kids.take_if(Rule::string).map(string).transpose()?, span: sp })
}

/// `forbid_decl`
fn forbid_decl(pair: Pair<'_, Rule>) -> Lowered<ForbidDecl> {
    let sp = span(&pair);
    let mut kids = Kids::of(pair);
    let mut resources = Vec::new();
    while let Some(p) = kids.take_if(Rule::ident) {
        resources.push(word(&p));
    }
    Ok(ForbidDecl { resources, reason: kids.take_if(Rule::string).map(string).transpose()?, span: sp })
}
