//! A font-free `Measure` for the layout tests.

use huibao::layout::Measure;
use huibao::model::RunRole;
use huibao::style::Style;

/// Full-width characters one em of the role's size; digits and letters ½ em; "." ¼ em;
/// "%" ⅚ em (Times New Roman's advances, line-breaking.md §4 rule 18).
pub struct Fake(pub Style);

impl Measure for Fake {
    fn advance_pt(&self, role: RunRole, ch: char) -> f32 {
        let em = huibao::typeset::size(&self.0, role);
        em * match ch {
            c if c as u32 >= 0x2000 => 1.0,
            '.' | ' ' => 0.25,
            '%' => 0.833,
            '-' => 0.333,
            _ => 0.5,
        }
    }
}
