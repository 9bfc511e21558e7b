//! `client.tokens()`: API tokens with roles, for the owner (the data dir's token) only.

use reqwest::Method;
use serde::Serialize;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::models::{Items, NewToken, Role, TokenInfo};

/// The engine's API tokens. Made by [`Client::tokens`]; every call needs the owner's token (403 otherwise).
#[derive(Debug, Clone)]
pub struct Tokens {
    client: Client,
}

impl Tokens {
    pub(crate) fn new(client: Client) -> Self {
        Tokens { client }
    }

    /// Starts `POST /v1/tokens`; finish with `.send().await`. The secret is in the answer, and only there.
    ///
    /// ```no_run
    /// # async fn run(client: ossaat::Client) -> ossaat::Result<()> {
    /// let created = client.tokens().create(ossaat::Role::Approver).label("release bot").send().await?;
    /// let approver = ossaat::Client::builder().token(created.token).build()?;
    /// # Ok(()) }
    /// ```
    pub fn create(&self, role: Role) -> CreateToken {
        CreateToken {
            client: self.client.clone(),
            body: NewTokenRequest {
                role,
                label: String::new(),
            },
        }
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

#[derive(Debug, Clone, Serialize)]
struct NewTokenRequest {
    role: Role,
    #[serde(skip_serializing_if = "String::is_empty")]
    label: String,
}

/// A token to create. Made by [`Tokens::create`].
#[derive(Debug, Clone)]
#[must_use = "nothing is sent until .send().await"]
pub struct CreateToken {
    client: Client,
    body: NewTokenRequest,
}

impl CreateToken {
    /// A name to recognise it by in the list.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.body.label = label.into();
        self
    }

    /// Sends once (a retry could make a second token).
    pub async fn send(self) -> Result<NewToken> {
        if self.body.role == Role::Unknown {
            return Err(Error::InvalidArgument(
                "role: Unknown is not a role to grant".into(),
            ));
        }
        let url = self.client.url(&["v1", "tokens"])?;
        let response = self
            .client
            .execute(self.client.request(Method::POST, url).json(&self.body))
            .await?;
        self.client.json("POST /v1/tokens", response).await
    }
}
