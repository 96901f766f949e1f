// The scopec extension: starts `scopec lsp` (the `scopec.path` setting) for `.policy` files.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("scopec").get("path") || "scopec";
  const serverOptions = {
    run: { command, args: ["lsp"], transport: TransportKind.stdio },
    debug: { command, args: ["lsp"], transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "scopec" }, { scheme: "untitled", language: "scopec" }],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/scopec.toml") },
  };
  client = new LanguageClient("scopec", "scopec", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("scopec.path")) {
        vscode.window.showInformationMessage("scopec: reload the window to use the new `scopec.path`.");
      }
    })
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
