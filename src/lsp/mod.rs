//! `scopec lsp`: a language server over stdio, on `lsp-server` and `lsp-types`.
//!
//! One thread reads messages in order and answers each from the open documents' state:
//! every change re-checks the unsaved text (parse, validate, lint with the nearest
//! `scopec.toml`) and publishes its diagnostics; requests read the last check. A handler
//! that fails answers with an error response and the server goes on.

pub mod actions;
pub mod completion;
pub mod diagnostics;
pub mod document;
pub mod hover;
pub mod index;
pub mod navigate;
pub mod position;
pub mod symbols;
pub mod tokens;
pub mod workspace;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest, References, Rename,
    Request as _, SemanticTokensFullRequest, WorkspaceSymbolRequest,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams, OneOf,
    PublishDiagnosticsParams, RenameOptions, SemanticTokensFullOptions, SemanticTokensOptions,
    SemanticTokensServerCapabilities, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
    WorkDoneProgressOptions,
};
use serde_json::Value;

use document::Document;
use workspace::Workspace;

/// Why the server stopped.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("the connection failed: {0}")]
    Protocol(String),
}

/// What the server can do.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::INCREMENTAL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some([" ", "|", "&", "(", ",", "/", ":"].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        ..ServerCapabilities::default()
    }
}

/// Serves on standard input and output until the client shuts the server down.
pub fn stdio() -> Result<(), LspError> {
    let (connection, io) = Connection::stdio();
    serve(&connection)?;
    drop(connection);
    io.join().map_err(|e| LspError::Protocol(e.to_string()))
}

/// Serves on `connection`: the initialize handshake, then every message until `shutdown`
/// and `exit`.
pub fn serve(connection: &Connection) -> Result<(), LspError> {
    let caps = serde_json::to_value(capabilities()).map_err(|e| LspError::Protocol(e.to_string()))?;
    let params = connection.initialize(caps).map_err(|e| LspError::Protocol(e.to_string()))?;
    let mut ws = Workspace::default();
    if let Ok(p) = serde_json::from_value::<InitializeParams>(params) {
        let folder = p.workspace_folders.and_then(|f| f.into_iter().next()).map(|f| f.uri);
        #[allow(deprecated)]
        let root = folder.or(p.root_uri);
        ws.root = root.as_ref().and_then(workspace::path_of);
    }
    for message in &connection.receiver {
        let out = match message {
            Message::Request(req) => {
                if connection.handle_shutdown(&req).map_err(|e| LspError::Protocol(e.to_string()))? {
                    return Ok(());
                }
                vec![Message::Response(answer(&mut ws, req))]
            }
            Message::Notification(n) => notify(&mut ws, n),
            Message::Response(_) => Vec::new(),
        };
        for m in out {
            connection.sender.send(m).map_err(|e| LspError::Protocol(e.to_string()))?;
        }
    }
    Ok(())
}

/// A request's answer. A handler that panics (a bug) answers with an internal error
/// instead of taking the server down.
fn answer(ws: &mut Workspace, req: Request) -> Response {
    let id = req.id.clone();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(ws, req)));
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
        Err(_) => Response::new_err(id, ErrorCode::InternalError as i32, "scopec lsp: the handler failed".into()),
    }
}

type Answer = Result<Value, (ErrorCode, String)>;

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn json<T: serde::Serialize>(value: T) -> Answer {
    serde_json::to_value(value).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn dispatch(ws: &mut Workspace, req: Request) -> Answer {
    match req.method.as_str() {
        HoverRequest::METHOD => {
            let p: lsp_types::HoverParams = params(req)?;
            let tp = p.text_document_position_params;
            json(ws.documents.get(tp.text_document.uri.as_str()).and_then(|d| hover::hover(d, tp.position)))
        }
        GotoDefinition::METHOD => {
            let p: lsp_types::GotoDefinitionParams = params(req)?;
            let tp = p.text_document_position_params;
            json(navigate::definition(ws, &tp.text_document.uri, tp.position))
        }
        References::METHOD => {
            let p: lsp_types::ReferenceParams = params(req)?;
            let tp = p.text_document_position;
            json(navigate::references(ws, &tp.text_document.uri, tp.position, p.context.include_declaration))
        }
        Rename::METHOD => {
            let p: lsp_types::RenameParams = params(req)?;
            let tp = p.text_document_position;
            navigate::rename(ws, &tp.text_document.uri, tp.position, &p.new_name)
                .map_err(|m| (ErrorCode::InvalidParams, m))
                .and_then(json)
        }
        DocumentSymbolRequest::METHOD => {
            let p: lsp_types::DocumentSymbolParams = params(req)?;
            json(ws.documents.get(p.text_document.uri.as_str()).map(symbols::document))
        }
        WorkspaceSymbolRequest::METHOD => {
            let p: lsp_types::WorkspaceSymbolParams = params(req)?;
            json(symbols::workspace(ws, &p.query))
        }
        Completion::METHOD => {
            let p: lsp_types::CompletionParams = params(req)?;
            let tp = p.text_document_position;
            json(ws.documents.get(tp.text_document.uri.as_str()).map(|d| completion::complete(d, tp.position)))
        }
        CodeActionRequest::METHOD => {
            let p: lsp_types::CodeActionParams = params(req)?;
            let uri = p.text_document.uri.clone();
            json(ws.documents.get(uri.as_str()).map(|d| actions::actions(d, &uri, &p)))
        }
        Formatting::METHOD => {
            let p: lsp_types::DocumentFormattingParams = params(req)?;
            match ws.documents.get(p.text_document.uri.as_str()) {
                None => json(Value::Null),
                Some(d) => actions::format(d).map_err(|m| (ErrorCode::RequestFailed, m)).and_then(json),
            }
        }
        SemanticTokensFullRequest::METHOD => {
            let p: lsp_types::SemanticTokensParams = params(req)?;
            json(ws.documents.get(p.text_document.uri.as_str()).map(tokens::full))
        }
        method => Err((ErrorCode::MethodNotFound, format!("scopec lsp does not handle `{method}`"))),
    }
}

/// A notification's effect: documents opened, changed, saved or closed, and the
/// diagnostics to publish.
fn notify(ws: &mut Workspace, n: Notification) -> Vec<Message> {
    let publish = |uri: Uri, doc: Option<&Document>| {
        let (diagnostics, version) = match doc {
            Some(d) => (diagnostics::of(&uri, d), Some(d.version)),
            None => (Vec::new(), None),
        };
        let params = PublishDiagnosticsParams { uri, diagnostics, version };
        Message::Notification(Notification::new(PublishDiagnostics::METHOD.to_string(), params))
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            let doc = Document::new(p.text_document.text, p.text_document.version, &Workspace::config(&uri));
            ws.documents.insert(uri.as_str().to_string(), doc);
            Some(vec![publish(uri.clone(), ws.documents.get(uri.as_str()))])
        }
        DidChangeTextDocument::METHOD => {
            let p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            let config = Workspace::config(&uri);
            let doc = ws.documents.get_mut(uri.as_str())?;
            doc.apply(p.content_changes, p.text_document.version);
            doc.recheck(&config);
            Some(vec![publish(uri.clone(), ws.documents.get(uri.as_str()))])
        }
        DidSaveTextDocument::METHOD => {
            // The configuration may have changed on disk: check again with it.
            let p: lsp_types::DidSaveTextDocumentParams = serde_json::from_value(n.params).ok()?;
            let uri = p.text_document.uri;
            let config = Workspace::config(&uri);
            ws.documents.get_mut(uri.as_str())?.recheck(&config);
            Some(vec![publish(uri.clone(), ws.documents.get(uri.as_str()))])
        }
        DidChangeWatchedFiles::METHOD => {
            // A `scopec.toml` changed (the client watches them): every open document is
            // checked again with the configuration that now applies to it.
            let mut out = Vec::new();
            let uris: Vec<String> = ws.documents.keys().cloned().collect();
            for key in uris {
                let Ok(uri) = key.parse::<Uri>() else { continue };
                let config = Workspace::config(&uri);
                if let Some(doc) = ws.documents.get_mut(&key) {
                    doc.recheck(&config);
                }
                out.push(publish(uri, ws.documents.get(&key)));
            }
            Some(out)
        }
        DidCloseTextDocument::METHOD => {
            let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            ws.documents.remove(p.text_document.uri.as_str());
            Some(vec![publish(p.text_document.uri, None)])
        }
        _ => None,
    }));
    result.ok().flatten().unwrap_or_default()
}
