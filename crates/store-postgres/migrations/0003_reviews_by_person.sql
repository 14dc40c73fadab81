-- The person page reads a person's reviews within one council.
create index reviews_by_person on reviews (la, person_id);
