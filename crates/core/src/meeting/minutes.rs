//! The minutes in the school's paper layout, as lines that the print view and the .docx
//! export both draw: school, number, date, present and absent, agenda, heard / spoke /
//! decided, and the chair's and secretary's signatures. Words come from the interface in
//! its language, as [`MinutesLabels`].

use super::record::Meeting;

/// The words of the paper form, in the interface language.
#[derive(Clone, Debug)]
pub struct MinutesLabels<'a> {
    /// "Protocol" / "ПРОТОКОЛ".
    pub minutes: &'a str,
    pub present: &'a str,
    pub absent: &'a str,
    pub agenda: &'a str,
    pub heard: &'a str,
    pub spoke: &'a str,
    pub decided: &'a str,
    pub responsible: &'a str,
    pub deadline: &'a str,
    pub chair: &'a str,
    pub secretary: &'a str,
    /// Written when a list is empty.
    pub nobody: &'a str,
}

/// One line of the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    /// The school's name, centred at the top.
    School(String),
    /// "ПРОТОКОЛ № 3", centred, bold.
    Title(String),
    /// What met ("of the methodical council"), centred.
    Subtitle(String),
    /// The date, on its own line.
    Date(String),
    /// A label and its text on one line ("Present: …").
    Field(String, String),
    /// A heading in capitals ("HEARD:").
    Section(String),
    /// Numbered points.
    Numbered(Vec<String>),
    /// A paragraph of free text.
    Paragraph(String),
    /// "Chair ________ Name".
    Signature(String, String),
}

/// The minutes of one meeting as lines.
#[derive(Clone, Debug, PartialEq)]
pub struct MinutesSheet {
    pub lines: Vec<Line>,
}

impl MinutesSheet {
    /// Builds the sheet. `number` is the shown number; `body` says what met (in the
    /// interface language); `name` turns a staff id into a name.
    #[allow(clippy::too_many_arguments)]
    pub fn build(
        meeting: &Meeting,
        number: u32,
        school: &str,
        body: &str,
        name: &dyn Fn(&str) -> String,
        chair: Option<&str>,
        secretary: Option<&str>,
        labels: &MinutesLabels,
    ) -> MinutesSheet {
        let or_nobody = |items: Vec<String>| {
            if items.is_empty() {
                labels.nobody.to_string()
            } else {
                items.join(", ")
            }
        };
        let mut present: Vec<String> = meeting.present().into_iter().map(name).collect();
        crate::order::sort_by(&mut present, |a, b| crate::text::collate(a, b));
        let present_text = if present.is_empty() {
            labels.nobody.to_string()
        } else {
            format!("{} — {}", present.len(), present.join(", "))
        };
        let absent: Vec<String> = meeting
            .absent()
            .into_iter()
            .map(|(id, reason)| match reason.trim() {
                "" => name(id),
                r => format!("{} ({r})", name(id)),
            })
            .collect();
        let agenda: Vec<String> = meeting.agenda.iter().map(|a| a.title.clone()).collect();
        let heard: Vec<String> = meeting
            .agenda
            .iter()
            .map(|a| match &a.speaker {
                Some(s) => format!("{} — {}", name(s), a.title),
                None => a.title.clone(),
            })
            .collect();
        let decided: Vec<String> = meeting
            .decisions_in_order()
            .into_iter()
            .map(|(_, d)| {
                let mut extra = Vec::new();
                if let Some(r) = &d.responsible {
                    extra.push(format!("{}: {}", labels.responsible, name(r)));
                }
                if let Some(dl) = d.deadline {
                    extra.push(format!("{}: {}", labels.deadline, dl.dotted()));
                }
                if extra.is_empty() {
                    d.text.clone()
                } else {
                    format!("{} ({})", d.text, extra.join("; "))
                }
            })
            .collect();
        let mut lines = vec![
            Line::School(school.to_string()),
            Line::Title(format!("{} № {number}", labels.minutes)),
            Line::Subtitle(body.to_string()),
            Line::Date(meeting.date.dotted()),
            Line::Field(labels.present.to_string(), present_text),
            Line::Field(labels.absent.to_string(), or_nobody(absent)),
            Line::Section(labels.agenda.to_string()),
            Line::Numbered(agenda),
            Line::Section(labels.heard.to_string()),
            Line::Numbered(heard),
            Line::Section(labels.spoke.to_string()),
        ];
        let minutes = meeting.minutes.as_str();
        if minutes.trim().is_empty() {
            lines.push(Line::Paragraph(labels.nobody.to_string()));
        }
        for paragraph in minutes.split('\n').filter(|p| !p.trim().is_empty()) {
            lines.push(Line::Paragraph(paragraph.trim().to_string()));
        }
        lines.push(Line::Section(labels.decided.to_string()));
        lines.push(Line::Numbered(decided));
        lines.push(Line::Signature(
            labels.chair.to_string(),
            chair.map(name).unwrap_or_default(),
        ));
        lines.push(Line::Signature(
            labels.secretary.to_string(),
            secretary.map(name).unwrap_or_default(),
        ));
        MinutesSheet { lines }
    }

    /// The sheet as plain text, one line each (for tests and the clipboard).
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            match line {
                Line::School(t)
                | Line::Title(t)
                | Line::Subtitle(t)
                | Line::Date(t)
                | Line::Section(t)
                | Line::Paragraph(t) => out.push_str(t),
                Line::Field(l, t) => out.push_str(&format!("{l}: {t}")),
                Line::Numbered(items) => {
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push('\n');
                        }
                        out.push_str(&format!("{}. {item}", i + 1));
                    }
                }
                Line::Signature(l, n) => out.push_str(&format!("{l} ____________ {n}")),
            }
            out.push('\n');
        }
        out
    }
}
