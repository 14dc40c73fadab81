//! Quality assessments in the PAMMS shape: domains, standards, and a rating per
//! standard (excellent, good, requires improvement, poor).

use continuum_domain::{QaRating, QualityAssessment};

use crate::SynthError;
use crate::calibration as cal;
use crate::care::At;
use crate::council::Council;
use crate::market::Area;
use crate::rng::{Rng, add_days, between, chance, normal};

/// The framework's domains and standards: 16 areas, as
/// `004_185f2be0692370ff.txt` (County Durham) describes ("16 areas including
/// nutrition, environment, medication, and risk").
const STANDARDS: [(&str, &str); cal::QA_STANDARDS] = [
    ("Assessment and care planning", "Assessment of needs"),
    ("Assessment and care planning", "Care and support planning"),
    (
        "Assessment and care planning",
        "Consent and mental capacity",
    ),
    ("Assessment and care planning", "Reviews of care"),
    ("People's experience", "Dignity and respect"),
    ("People's experience", "Nutrition and hydration"),
    ("People's experience", "Activities and wellbeing"),
    ("Safety", "Safeguarding"),
    ("Safety", "Risk management"),
    ("Safety", "Infection prevention and control"),
    ("Safety", "Medication"),
    ("Workforce", "Staffing levels"),
    ("Workforce", "Training and development"),
    ("Workforce", "Safe recruitment"),
    ("Leadership", "Governance and leadership"),
    ("Leadership", "Environment"),
];

/// Assessments of the commissioned locations in the council's area, this year
/// and last.
pub(crate) fn assessments(
    c: &Council,
    rng: &mut Rng,
    areas: &[Area],
    home: usize,
    commissioned: &[At],
) -> Result<Vec<QualityAssessment>, SynthError> {
    let Some(area) = areas.get(home) else {
        return Ok(Vec::new());
    };
    let mut seq = c.seq("QA");
    let mut rows = Vec::new();
    let w = c.window_start();
    for at in commissioned.iter().filter(|a| usize::from(a.area) == home) {
        let i = at.loc as usize;
        let quality = f64::from(area.meta[i].quality);
        for (from, p) in [(add_days(w, -365), 0.6), (w, 0.75)] {
            if !chance(rng, p) {
                continue;
            }
            let date = add_days(from, between(rng, 0, 363));
            if !area.locations[i].is_registered_at(date) {
                continue;
            }
            let id = seq.next()?;
            for (domain, standard) in STANDARDS {
                rows.push(QualityAssessment {
                    assessment_id: Clone::clone(&id),
                    location_id: area.locations[i].location_id.clone(),
                    la: c.la.clone(),
                    date,
                    framework: "pamms".to_string(),
                    domain: domain.to_string(),
                    standard: standard.to_string(),
                    rating: rating(rng, quality),
                });
            }
        }
    }
    Ok(rows)
}

fn rating(rng: &mut Rng, quality: f64) -> QaRating {
    let score = quality + 0.14 * normal(rng);
    if score > 0.86 {
        QaRating::Excellent
    } else if score > 0.5 {
        QaRating::Good
    } else if score > 0.27 {
        QaRating::RequiresImprovement
    } else {
        QaRating::Poor
    }
}
