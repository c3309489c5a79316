//! The lists the TUI derives from its data: today's list, the filtered
//! and sorted case list, and the counts in the title. Recomputed after the
//! data, the query or a filter changed.

use super::*;

impl App {
    /// Recomputes the derived lists after data, query or filters changed.
    pub fn recompute(&mut self) {
        let items = caseload::due_list(
            &self.data.cases,
            &self.data.checks,
            self.today,
            DUE_SOON_DAYS,
        );
        // One map, not a search per row: a linear search here made the first
        // frame quadratic in the number of cases (12 s at 50,000).
        let index: std::collections::HashMap<&str, usize> = self
            .data
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        // Vandaag follows the role and owner filters: a team lead sees the
        // escalations, a new owner the case handed over.
        let mine = |i: &&caseload::DueItem| {
            self.filters.owned(i.case) && self.filters.role_ok(i.action.role)
        };
        let mut rows: Vec<TodayRow> = items
            .iter()
            .filter(mine)
            .filter_map(|i| {
                Some(TodayRow {
                    case_idx: *index.get(i.case.id.as_str())?,
                    action_id: i.action.id.to_string(),
                    signal: false,
                })
            })
            .collect();
        self.today_overdue = items
            .iter()
            .filter(mine)
            .filter(|i| i.action.status == crate::domain::engine::ActionStatus::Overdue)
            .count();
        rows.extend(self.signal_rows());
        self.today_rows = rows;
        self.counts = self.count_actions();
        self.filter_cases();
    }

    /// The active signals of open cases with no open action at all, by
    /// pupil: after the actions on Vandaag.
    fn signal_rows(&self) -> Vec<TodayRow> {
        let f = &self.filters;
        let mut rows: Vec<TodayRow> = Vec::new();
        for (i, (case, check)) in self.data.cases.iter().zip(&self.data.checks).enumerate() {
            if let (true, Ok(e)) = (case.is_open(), check)
                && e.open_actions().next().is_none()
                && f.owned(case)
            {
                rows.extend(
                    e.signals
                        .iter()
                        .filter(|s| f.role_ok(s.owner))
                        .map(|s| TodayRow {
                            case_idx: i,
                            action_id: s.rule.clone(),
                            signal: true,
                        }),
                );
            }
        }
        rows.sort_by(|a, b| {
            let name = |r: &TodayRow| &self.data.cases[r.case_idx].name;
            name(a)
                .cmp(name(b))
                .then_with(|| a.action_id.cmp(&b.action_id))
        });
        rows
    }

    pub fn filter_cases(&mut self) {
        let matched = self.searcher.filter(&self.query, &self.haystacks);
        let f = &self.filters;
        let mut visible: Vec<usize> = matched
            .into_iter()
            .filter(|&i| {
                let case = &self.data.cases[i];
                let eval = self.data.checks[i].as_ref().ok();
                let status_ok = match f.status {
                    StatusFilter::Open => case.is_open(),
                    StatusFilter::Closed => !case.is_open(),
                    StatusFilter::All => true,
                };
                status_ok
                    && f.protocol.as_ref().is_none_or(|p| &case.protocol == p)
                    && f.school.as_ref().is_none_or(|s| &case.school == s)
                    && f.owner
                        .as_ref()
                        .is_none_or(|o| case.owner.as_ref() == Some(o))
                    && f.role
                        .is_none_or(|r| eval.is_some_and(|e| e.open_actions().any(|a| a.role == r)))
                    && f.signal.as_ref().is_none_or(|s| {
                        eval.is_some_and(|e| e.signals.iter().any(|x| &x.rule == s))
                    })
            })
            .collect();
        // With a query, best match first; otherwise the chosen sort.
        if self.query.trim().is_empty() {
            let key = |i: &usize| {
                let due = self.data.checks[*i]
                    .as_ref()
                    .ok()
                    .and_then(|e| e.next_due())
                    .map(|a| a.due);
                (due.is_none(), due, self.data.cases[*i].name.clone())
            };
            match f.sort {
                Sort::NextDue => visible.sort_by_cached_key(key),
                Sort::Name => {
                    visible.sort_by(|a, b| self.data.cases[*a].name.cmp(&self.data.cases[*b].name))
                }
            }
        }
        self.visible = visible;
    }

    /// Open and overdue actions of open cases, for the status bar.
    pub fn counts(&self) -> (usize, usize) {
        self.counts
    }

    fn count_actions(&self) -> (usize, usize) {
        let mut open = 0;
        let mut overdue = 0;
        for (case, check) in self.data.cases.iter().zip(&self.data.checks) {
            if let (true, Ok(e)) = (case.is_open(), check) {
                for a in e.open_actions() {
                    open += 1;
                    overdue += (a.status == crate::domain::engine::ActionStatus::Overdue) as usize;
                }
            }
        }
        (open, overdue)
    }
}

impl Filters {
    /// The owner filter: none, or the case's owner.
    fn owned(&self, c: &Case) -> bool {
        self.owner
            .as_ref()
            .is_none_or(|o| c.owner.as_ref() == Some(o))
    }

    /// The role filter: none, or this role.
    fn role_ok(&self, r: Role) -> bool {
        self.role.is_none_or(|x| x == r)
    }
}
