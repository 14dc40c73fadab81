//! The JSON API under `/api/v1`, with the same capabilities and scopes as
//! the pages, and an OpenAPI document generated from these handlers.
//!
//! Machine clients send `Authorization: Bearer <token>` (tokens are made on
//! the account page); a browser session works too. Errors are
//! `{"error": "snake_code", "message": …}`.

pub mod dto;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use continuum_domain::{LocationId, Permission, PersonId};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::can::{ManageUsers, ViewAudit, ViewEvidence, ViewMarket, ViewPersonalRecords};
use crate::auth::{Can, Signed};
use crate::error::{AppError, ErrorBody};
use crate::state::AppState;
use crate::ui::audit::AuditParams;
use crate::ui::evidence::{PackParams, council, parse_as_at};
use crate::views::location::{self as location_view, Placements};
use crate::views::register::{self, RegisterParams};
use dto::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Continuum API",
        description = "The care market of an English council's adult social care department: the provider and location register, the CQC evidence pack, people's records and the audit log. Every call is authorised as the user the token belongs to.",
        license(name = "AGPL-3.0-or-later")
    ),
    servers((url = "/api/v1", description = "This server")),
    modifiers(&Bearer),
    security(("bearer" = []), ("session" = [])),
    components(schemas(ErrorBody))
)]
struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let c = api.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        c.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(utoipa::openapi::security::ApiKey::Cookie(
                utoipa::openapi::security::ApiKeyValue::new(crate::auth::session::SESSION_COOKIE),
            )),
        );
    }
}

/// The API routes, with their OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me))
        .routes(routes!(locations))
        .routes(routes!(location))
        .routes(routes!(person))
        .routes(routes!(evidence))
        .routes(routes!(audit_log))
        .routes(routes!(users))
}

/// Who the token (or session) belongs to, and what they may do.
#[utoipa::path(get, path = "/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
async fn me(signed: Signed) -> Json<Me> {
    let u = &signed.user;
    let all = [
        Permission::ViewMarket,
        Permission::ViewPersonalRecords,
        Permission::EditPersonalRecords,
        Permission::ViewEvidence,
        Permission::Export,
        Permission::ManageQuality,
        Permission::SubmitReturns,
        Permission::RaiseGaps,
        Permission::ImportData,
        Permission::ManageUsers,
        Permission::ViewAudit,
    ];
    Json(Me {
        user_id: u.user_id.to_string(),
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role.as_str().into(),
        council: u.la.as_ref().map(ToString::to_string),
        provider_id: u.provider_id.as_ref().map(ToString::to_string),
        permissions: all
            .into_iter()
            .filter(|p| signed.has(*p))
            .filter_map(|p| {
                serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
            })
            .collect(),
    })
}

/// The register within the caller's scope, filtered, 50 to a page.
#[utoipa::path(get, path = "/locations", tag = "register", params(RegisterParams),
    responses((status = 200, body = LocationPage), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn locations(
    State(state): State<AppState>,
    can: Can<ViewMarket>,
    Query(p): Query<RegisterParams>,
) -> Result<Json<LocationPage>, AppError> {
    let found = register::search(&state, &can.scope(), &p.parse()?).await?;
    Ok(Json(LocationPage {
        total: found.total,
        page: found.page,
        pages: found.pages,
        items: found
            .rows
            .iter()
            .map(|r| LocationSummary::new(&r.location, r.risk.map(|x| x.as_str().to_string())))
            .collect(),
    }))
}

/// One location: register entry, CQC ratings, capacity, contracts, risk, and
/// placements (listed for roles with personal access, and audited; counted
/// for the rest). Outside the caller's scope: 404.
#[utoipa::path(get, path = "/locations/{id}", tag = "register",
    params(("id" = String, Path, description = "CQC location ID")),
    responses((status = 200, body = LocationDetailDto), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn location(
    State(state): State<AppState>,
    can: Can<ViewMarket>,
    Path(id): Path<String>,
) -> Result<Json<LocationDetailDto>, AppError> {
    let id = LocationId::parse(&id).map_err(|_| AppError::NotFound)?;
    let d = location_view::load(&state, &can, &id, "api").await?;
    let (placements, placement_counts) = match &d.placements {
        Placements::Listed(v) => (Some(v.iter().map(PlacementDto::from).collect()), None),
        Placements::Counted(c) => (None, Some(c.clone())),
    };
    Ok(Json(LocationDetailDto {
        location: LocationSummary::new(
            &d.location,
            d.risk.as_ref().map(|r| r.level.as_str().to_string()),
        ),
        ratings: d
            .ratings
            .iter()
            .map(|e| RatingDto {
                published_on: e.published_on.to_string(),
                service_group: e.service_group.clone(),
                key_question: e.key_question.as_str().into(),
                rating: e.rating.label().into(),
            })
            .collect(),
        capacity: d.capacity.iter().map(CapacityDto::from).collect(),
        contracts: d.contracts.iter().map(ContractDto::from).collect(),
        placements,
        placement_counts,
        sanctions: d.sanctions.iter().map(QualityEventDto::from).collect(),
        visits: d.visits.iter().map(QualityEventDto::from).collect(),
        concern_count: d.concern_count,
        assessments: d.assessments.iter().map(AssessmentDto::from).collect(),
        risk: d.risk.as_ref().map(|r| RiskDto {
            level: r.level.as_str().into(),
            score: r.score,
            reasons: r.reasons.iter().map(|x| x.text.clone()).collect(),
        }),
    }))
}

/// One person's record in the caller's council: the person, requests,
/// placements and reviews. Audited. Roles without personal access: 403;
/// another council's person: 404.
#[utoipa::path(get, path = "/people/{id}", tag = "people",
    params(("id" = String, Path, description = "Pseudonymous person ID")),
    responses((status = 200, body = Object), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn person(
    State(state): State<AppState>,
    can: Can<ViewPersonalRecords>,
    Path(id): Path<String>,
) -> Result<Json<continuum_store::PersonRecord>, AppError> {
    let id = PersonId::parse(&id).map_err(|_| AppError::NotFound)?;
    Ok(Json(can.scope().person(&state, &can, &id, "api").await?))
}

/// The evidence pack of the caller's council at a date, as the JSON export
/// writes it (`spec/metrics.md`).
#[utoipa::path(get, path = "/evidence", tag = "evidence", params(PackParams),
    responses((status = 200, body = Object), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn evidence(
    State(state): State<AppState>,
    can: Can<ViewEvidence>,
    Query(q): Query<PackParams>,
) -> Result<Response, AppError> {
    let la = council(&can)?;
    let date = parse_as_at(q.as_at.as_deref()).map_err(AppError::BadRequest)?;
    let entry = state.cache.pack(state.store.as_ref(), &la, date).await?;
    let body = serde_json::to_vec(&entry.pack).map_err(AppError::internal)?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The audit log, newest first (at most 1,000 entries).
#[utoipa::path(get, path = "/audit", tag = "admin", params(AuditParams),
    responses((status = 200, body = Vec<AuditEntryDto>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn audit_log(
    State(state): State<AppState>,
    _can: Can<ViewAudit>,
    Query(p): Query<AuditParams>,
) -> Result<Json<Vec<AuditEntryDto>>, AppError> {
    let events = state.store.audit_log(&p.query(Some(1000))).await?;
    Ok(Json(events.iter().map(AuditEntryDto::from).collect()))
}

/// The users the admin manages: their council's staff and provider users.
#[utoipa::path(get, path = "/users", tag = "admin",
    responses((status = 200, body = Vec<UserDto>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn users(
    State(state): State<AppState>,
    can: Can<ManageUsers>,
) -> Result<Json<Vec<UserDto>>, AppError> {
    let all = state.store.users().await?;
    Ok(Json(
        all.iter()
            .filter(|u| crate::ui::users::manages(can.user(), u))
            .map(UserDto::from)
            .collect(),
    ))
}
