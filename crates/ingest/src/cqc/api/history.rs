//! A location's ratings in the API: the current rating, the history of
//! ratings, and the quality statement scores. The rules are in the parent
//! module's doc.

use continuum_domain::{
    CqcRating, Date, KeyQuestion, LocationId, QualityStatementScore, Rating, RatingEvent,
};

use super::json::Ctx;
use super::model::{AsgKeyQuestion, AsgRating, LocationDetail, OverallRating, TopicArea};
use crate::cqc::common::parse_date_of_date_time;
use crate::cqc::mapping::{self, same_word};

/// The group name the API's location-level ratings are recorded under.
const OVERALL: &str = "Overall";

/// What the reader keeps of a location's ratings.
pub(super) struct History {
    pub rating: (Rating, Option<Date>),
    pub events: Vec<RatingEvent>,
    pub statements: Vec<QualityStatementScore>,
}

/// The rating of a current assessment service group.
struct CurrentAsg {
    rating: CqcRating,
    published: Date,
    group: String,
}

/// Where the events and scores of one location are gathered.
struct Out<'i> {
    id: &'i LocationId,
    events: Vec<RatingEvent>,
    statements: Vec<QualityStatementScore>,
}

impl Out<'_> {
    /// Records a rating as an event when it is a dated rating.
    fn event(
        &mut self,
        group: &str,
        key_question: KeyQuestion,
        rating: CqcRating,
        date: Option<Date>,
    ) {
        if let Some(published_on) = date
            && rating != CqcRating::NotRated
        {
            self.events.push(RatingEvent {
                location_id: self.id.clone(),
                service_group: group.to_string(),
                key_question,
                rating,
                published_on,
            });
        }
    }
}

/// Reads all the ratings of one location.
pub(super) fn read(ctx: &mut Ctx<'_>, id: &LocationId, d: &LocationDetail) -> History {
    let mut out = Out {
        id,
        events: Vec::new(),
        statements: Vec::new(),
    };
    let mut rating = None;
    if let Some(c) = &d.current_ratings
        && let Some(o) = &c.overall
    {
        let fallback = ctx.date_in("$.currentRatings", "reportDate", c.report_date.as_deref());
        rating = overall(ctx, &mut out, "$.currentRatings.overall", o, fallback);
    }
    for (i, h) in d.historic_ratings.iter().enumerate() {
        let Some(o) = &h.overall else { continue };
        let path = format!("$.historicRatings[{i}]");
        let date = ctx.date_in(&path, "reportDate", h.report_date.as_deref());
        overall(ctx, &mut out, &format!("{path}.overall"), o, date);
    }
    let current = assessments(ctx, &mut out, d);
    let rating = match (rating, current) {
        (Some(r), _) => r,
        (None, Some(a)) => {
            copy_as_overall(&mut out.events, &a);
            (a.rating, Some(a.published))
        }
        (None, None) => (CqcRating::NotRated, None),
    };
    History {
        rating: (rating.0.to_rating(), rating.1),
        events: out.events,
        statements: out.statements,
    }
}

/// Records the current assessment group's ratings under "Overall" too, since
/// they are the location's overall rating.
fn copy_as_overall(events: &mut Vec<RatingEvent>, a: &CurrentAsg) {
    let copies: Vec<RatingEvent> = events
        .iter()
        .filter(|e| e.service_group == a.group && e.published_on == a.published)
        .map(|e| RatingEvent {
            service_group: OVERALL.to_string(),
            ..e.clone()
        })
        .collect();
    events.extend(copies);
}

/// Reads an overall rating (current or historic) and its key questions into
/// events, and returns the overall word with its date.
fn overall(
    ctx: &mut Ctx<'_>,
    out: &mut Out<'_>,
    parent: &str,
    o: &OverallRating,
    fallback: Option<Date>,
) -> Option<(CqcRating, Option<Date>)> {
    let rating = ctx.rating_in(parent, o.rating.as_deref());
    let date = ctx
        .date_in(parent, "reportDate", o.report_date.as_deref())
        .or(fallback);
    if let Some(r) = rating {
        out.event(OVERALL, KeyQuestion::Overall, r, date);
        if date.is_none() && r.to_rating() != Rating::NotRated {
            let label = r.label();
            let message = format!(
                "the rating {label} has no reportDate: it is kept undated and left out of the history"
            );
            ctx.warn(parent, message);
        }
    }
    for (k, kq) in o.key_question_ratings.iter().enumerate() {
        let p = format!("{parent}.keyQuestionRatings[{k}]");
        let q = ctx.key_question_in(&p, &kq.name);
        let r = ctx.rating_in(&p, kq.rating.as_deref());
        let d = ctx
            .date_in(&p, "reportDate", kq.report_date.as_deref())
            .or(date);
        if let (Some(q), Some(r)) = (q, r) {
            out.event(OVERALL, q, r, d);
        }
    }
    rating.map(|r| (r, date))
}

/// Reads the single assessment framework's assessments; returns the current
/// group's rating, if any.
fn assessments(ctx: &mut Ctx<'_>, out: &mut Out<'_>, d: &LocationDetail) -> Option<CurrentAsg> {
    let mut current: Option<CurrentAsg> = None;
    for (i, a) in d.assessment.iter().enumerate() {
        let path = format!("$.assessment[{i}]");
        let Some(ratings) = &a.ratings else { continue };
        let field = "assessmentPlanPublishedDateTime";
        let published = match a.assessment_plan_published_date_time.as_deref() {
            Some(s) if !s.trim().is_empty() => {
                let p = format!("{path}.{field}");
                ctx.check(&p, field, s, parse_date_of_date_time(s))
            }
            _ => {
                let message = format!("the assessment has no {field}: its ratings are left out");
                ctx.warn(&path, message);
                None
            }
        };
        for (j, g) in ratings.asg_ratings.iter().enumerate() {
            let gp = format!("{path}.ratings.asgRatings[{j}]");
            let found = asg(ctx, out, &gp, g, published);
            let is_current = g.status.as_deref().is_some_and(|s| same_word(s, "Current"));
            if let (Some(a), true) = (found, is_current)
                && current.as_ref().is_none_or(|c| a.published > c.published)
            {
                current = Some(a);
            }
        }
    }
    current
}

/// Reads one assessment service group's ratings and quality statements.
fn asg(
    ctx: &mut Ctx<'_>,
    out: &mut Out<'_>,
    path: &str,
    g: &AsgRating,
    published: Option<Date>,
) -> Option<CurrentAsg> {
    let group = g
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(OVERALL)
        .to_string();
    let rating = ctx.rating_in(path, g.rating.as_deref());
    let assessed_on = ctx
        .date_in(path, "assessmentDate", g.assessment_date.as_deref())
        .or(published);
    if let Some(r) = rating {
        out.event(&group, KeyQuestion::Overall, r, published);
    }
    for (k, kq) in g.key_question_ratings.iter().enumerate() {
        let p = format!("{path}.keyQuestionRatings[{k}]");
        asg_key_question(ctx, out, &p, &group, kq, published, assessed_on);
    }
    Some(CurrentAsg {
        rating: rating?,
        published: published?,
        group,
    })
}

/// Reads one key question of an assessment group: its rating and the scores
/// of its quality statements.
fn asg_key_question(
    ctx: &mut Ctx<'_>,
    out: &mut Out<'_>,
    path: &str,
    group: &str,
    kq: &AsgKeyQuestion,
    published: Option<Date>,
    assessed_on: Option<Date>,
) {
    let q = ctx.key_question_in(path, &kq.name);
    let r = ctx.rating_in(path, kq.rating.as_deref());
    let Some(q) = q else { return };
    if let Some(r) = r {
        out.event(group, q, r, published);
    }
    let Some(on) = assessed_on else { return };
    for (t, area) in kq.topicareas.iter().enumerate() {
        let p = format!("{path}.topicareas[{t}]");
        if let Some(s) = statement(ctx, out.id, &p, q, area, on) {
            out.statements.push(s);
        }
    }
}

/// One quality statement's score.
fn statement(
    ctx: &mut Ctx<'_>,
    id: &LocationId,
    path: &str,
    key_question: KeyQuestion,
    area: &TopicArea,
    assessed_on: Date,
) -> Option<QualityStatementScore> {
    let raw_id = area.quality_statement_id.trim();
    let statement_id = ctx.check(
        &format!("{path}.qualityStatementId"),
        "qualityStatementId",
        raw_id,
        raw_id
            .parse::<u32>()
            .map_err(|_| "a quality statement ID, a whole number such as 17"),
    );
    let score_text = area.quality_statement_score.as_deref().unwrap_or("").trim();
    let score = ctx.check(
        &format!("{path}.qualityStatementscore"),
        "qualityStatementscore",
        score_text,
        mapping::quality_statement_score(score_text),
    );
    Some(QualityStatementScore {
        location_id: id.clone(),
        assessed_on,
        key_question,
        statement_id: statement_id?,
        statement: area.name.trim().to_string(),
        score: score?,
        score_text: score_text.to_string(),
        assessed: area
            .status
            .as_deref()
            .is_some_and(|s| same_word(s, "Assessed")),
    })
}
