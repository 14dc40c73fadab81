//! Reads for single pages: everything about one location, one person's record.
//! Written once over a backend's transaction, like [`ops`](crate::ops).

use continuum_domain::{
    CapacityReturn, Concern, Contract, LaName, LocationId, Person, PersonId, Placement,
    QualityAssessment, Request, Review, Sanction, Visit,
};

use crate::ops::{Filter, Tx};
use crate::{LocationRecords, PersonRecord, StoreResult};

/// Rows naming a location, of one council when `la` is given, in `order`.
fn of_location(id: &LocationId, la: Option<&LaName>, order: &str) -> Filter {
    match la {
        Some(la) => Filter::Where(
            format!("location_id = $1 and la = $2 order by {order}"),
            vec![id.to_string(), la.to_string()],
        ),
        None => Filter::Where(
            format!("location_id = $1 order by {order}"),
            vec![id.to_string()],
        ),
    }
}

/// The capacity returns of a location, and the council records naming it
/// (one council's, or every council's when `la` is `None`).
pub async fn location_records<T: Tx>(
    tx: &mut T,
    id: &LocationId,
    la: Option<&LaName>,
) -> StoreResult<LocationRecords> {
    let capacity: Vec<CapacityReturn> = tx
        .select(&Filter::Where(
            "location_id = $1 order by date desc".into(),
            vec![id.to_string()],
        ))
        .await?;
    let contracts: Vec<Contract> = tx
        .select(&of_location(id, la, "start_date desc, contract_id"))
        .await?;
    let placements: Vec<Placement> = tx
        .select(&of_location(id, la, "start_date desc, placement_id"))
        .await?;
    let sanctions: Vec<Sanction> = tx
        .select(&of_location(id, la, "start_date desc, sanction_id"))
        .await?;
    let visits: Vec<Visit> = tx
        .select(&of_location(id, la, "date desc, visit_id"))
        .await?;
    let concerns: Vec<Concern> = tx
        .select(&of_location(id, la, "raised_on desc, concern_id"))
        .await?;
    let quality_assessments: Vec<QualityAssessment> = tx
        .select(&of_location(
            id,
            la,
            "date desc, assessment_id, domain, standard",
        ))
        .await?;
    Ok(LocationRecords {
        capacity,
        contracts,
        placements,
        sanctions,
        visits,
        concerns,
        quality_assessments,
    })
}

/// Rows of one council's person, in `order`.
fn of_person(la: &LaName, id: &PersonId, order: &str) -> Filter {
    Filter::Where(
        format!("la = $1 and person_id = $2 order by {order}"),
        vec![la.to_string(), id.to_string()],
    )
}

/// One council's person with their requests, placements and reviews; `None`
/// when the council holds no such person.
pub async fn person_record<T: Tx>(
    tx: &mut T,
    la: &LaName,
    id: &PersonId,
) -> StoreResult<Option<PersonRecord>> {
    let people: Vec<Person> = tx.select(&of_person(la, id, "person_id")).await?;
    let Some(person) = people.into_iter().next() else {
        return Ok(None);
    };
    let requests: Vec<Request> = tx
        .select(&of_person(la, id, "received_on desc, request_id"))
        .await?;
    let placements: Vec<Placement> = tx
        .select(&of_person(la, id, "start_date desc, placement_id"))
        .await?;
    let reviews: Vec<Review> = tx
        .select(&of_person(la, id, "date desc, review_id"))
        .await?;
    Ok(Some(PersonRecord {
        person,
        requests,
        placements,
        reviews,
    }))
}
