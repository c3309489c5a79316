//! Where the selections point: they are ids in the model (a reload never
//! moves the cursor to another pupil); these turn them into row indexes.

use super::model::App;

impl App {
    /// Selected index in the today list (first row when none is selected).
    pub fn today_index(&self) -> Option<usize> {
        if self.today_rows.is_empty() {
            return None;
        }
        let found = self.today_sel.as_ref().and_then(|(c, a)| {
            self.today_rows
                .iter()
                .position(|r| &self.data.cases[r.case_idx].id == c && &r.action_id == a)
        });
        Some(found.unwrap_or(0))
    }

    pub fn cases_index(&self) -> Option<usize> {
        if self.visible.is_empty() {
            return None;
        }
        let found = self.case_sel.as_ref().and_then(|id| {
            self.visible
                .iter()
                .position(|&i| &self.data.cases[i].id == id)
        });
        Some(found.unwrap_or(0))
    }

    /// Open actions of the current case, in display order.
    pub fn current_open_actions(&self) -> Vec<&crate::domain::engine::Action> {
        match self.current_case() {
            Some((_, Ok(e))) => e.open_actions().collect(),
            _ => Vec::new(),
        }
    }
}
