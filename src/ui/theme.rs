//! Colours by urgency, and a plain fallback for NO_COLOR (markers and
//! bold/reverse instead of colour).

use chrono::NaiveDate;
use ratatui::style::{Color, Modifier, Style};

pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        Theme { color }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }
    pub fn plain(&self) -> Style {
        Style::new()
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn overdue(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn soon(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Style and a text marker for a due date, by urgency.
    pub fn urgency(&self, due: NaiveDate, today: NaiveDate) -> (Style, &'static str) {
        let days = (due - today).num_days();
        if days < 0 {
            (self.overdue(), "!!")
        } else if days <= 2 {
            (self.soon(), "! ")
        } else {
            (self.plain(), "  ")
        }
    }

    /// A thuiszitter colour name from a protocol (geel, oranje, rood).
    pub fn named(&self, name: &str) -> Style {
        match name {
            "geel" => self.fg(Color::Yellow),
            "oranje" => self.fg(Color::LightRed),
            "rood" => self.fg(Color::Red),
            _ => self.plain(),
        }
    }
}
