//! `client.tokens()`: API tokens with roles, for the owner (the data dir's token) only.

use reqwest::Method;
use serde::Serialize;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::{Items, NewToken, Role, TokenInfo};

/// The longest token label the engine takes, in characters.
pub const MAX_LABEL_CHARS: usize = 64;

/// The engine's API tokens. Made by [`Client::tokens`]; every call needs the owner's token (403 otherwise).
#[derive(Debug, Clone)]
pub struct Tokens {
    client: Client,
}

impl Tokens {
    pub(crate) fn new(client: Client) -> Self {
        Tokens { client }
    }

    /// `POST /v1/tokens`: a token with this role (approver, agent or viewer) and label (1 to 64 characters: who
    /// or what uses it; recorded with each decision). The secret is in the answer, and only there. Sent once (a
    /// retry could make a second token).
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let created = client.tokens().create(ossaat::Role::Approver, "release bot").await?;
    /// let approver = ossaat::Client::builder().token(created.token).build()?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, role: Role, label: &str) -> Result<NewToken> {
        if !matches!(role, Role::Approver | Role::Agent | Role::Viewer) {
            return Err(Error::InvalidArgument(format!(
                "role: approver, agent or viewer, not {role:?} (the owner's token is the data dir's alone)"
            )));
        }
        if !(1..=MAX_LABEL_CHARS).contains(&label.chars().count()) {
            return Err(Error::InvalidArgument(format!(
                "label: 1 to {MAX_LABEL_CHARS} characters"
            )));
        }
        let url = self.client.url(&["v1", "tokens"])?;
        let body = NewTokenRequest { role, label };
        let response = self
            .client
            .execute(self.client.request(Method::POST, url).json(&body))
            .await?;
        self.client.json("POST /v1/tokens", response).await
    }

    /// `GET /v1/tokens`: every token, revoked ones too, without secrets.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// for token in client.tokens().list().await? {
    ///     println!("{} {:?} {}", token.id, token.role, token.label);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<TokenInfo>> {
        let items: Items<TokenInfo> = self.client.get_json(&["v1", "tokens"], &[]).await?;
        Ok(items.items)
    }

    /// `DELETE /v1/tokens/{id}`: the token stops working at once.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// client.tokens().revoke("tok_123").await?;
    /// # Ok(()) }
    /// ```
    pub async fn revoke(&self, id: &str) -> Result<()> {
        let url = self.client.url(&["v1", "tokens", id])?;
        self.client
            .execute(self.client.request(Method::DELETE, url))
            .await?;
        Ok(())
    }
}

#[derive(Serialize)]
struct NewTokenRequest<'a> {
    role: Role,
    label: &'a str,
}
