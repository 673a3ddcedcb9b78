//! Every rule of checklist-format.md §1 and §6 that serde alone cannot express.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::Origin;
use super::model::{
    AskIf, Audience, Checklist, Choice, Kind, NumberRules, Question, Refs, Severity, Version,
};
use super::raw::{RawAskIf, RawChecklist, RawChoice, RawQuestion, RawRefs, Text, TextList};
use crate::diagnostic::Diagnostic;
use crate::frameworks::{self, CsfStatus};

/// The only checklist file format this posture reads.
pub const FORMAT: i64 = 1;
/// The most questions one checklist may hold.
pub const MAX_QUESTIONS: usize = 5_000;
/// Answers that every scored question understands, so no choice may take their ids.
pub const RESERVED_ANSWERS: [&str; 5] = ["yes", "no", "partial", "unknown", "na"];

/// `[a-z0-9][a-z0-9-]*`: the pattern of checklist, question and choice ids.
pub fn is_valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(super) struct Checker<'a> {
    path: &'a str,
    source: &'a str,
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors
            .push(Diagnostic::at(self.path, self.source, span, message));
    }

    fn id(&mut self, what: &str, id: &Text) {
        if !is_valid_id(id.get_ref()) {
            self.error(
                id.span(),
                format!(
                    "{what} id '{}' must be lowercase letters, digits and '-', starting with a letter or digit",
                    id.get_ref()
                ),
            );
        }
    }

    fn not_blank(&mut self, what: &str, text: &Text) {
        if text.get_ref().trim().is_empty() {
            self.error(
                text.span(),
                format!("{what} must not be blank, found '{}'", text.get_ref()),
            );
        }
    }

    fn audience(&mut self, list: Option<&TextList>, default: Audience) -> Audience {
        let Some(list) = list else { return default };
        let mut audience = Audience {
            owner: false,
            technician: false,
        };
        for entry in list.get_ref() {
            match entry.get_ref().as_str() {
                "owner" => audience.owner = true,
                "technician" => audience.technician = true,
                other => self.error(
                    entry.span(),
                    format!("unknown audience '{other}': expected 'owner' or 'technician'"),
                ),
            }
        }
        if list.get_ref().is_empty() {
            self.error(
                list.span(),
                "audience must name 'owner', 'technician' or both",
            );
        }
        audience
    }

    fn refs(&mut self, raw: Option<RawRefs>) -> Refs {
        let Some(raw) = raw else {
            return Refs::default();
        };
        for id in &raw.cis_v8 {
            if frameworks::cis_groups(id.get_ref()).is_none() {
                let hint = if id.get_ref().contains('.') {
                    ""
                } else {
                    " (name a safeguard such as '6.5', not a whole control)"
                };
                self.error(
                    id.span(),
                    format!(
                        "'{}' is not a CIS Controls v8 safeguard id{hint}",
                        id.get_ref()
                    ),
                );
            }
        }
        for id in &raw.nist_csf_2 {
            match frameworks::csf_status(id.get_ref()) {
                CsfStatus::Active => {}
                CsfStatus::Withdrawn { replaced_by } if replaced_by.is_empty() => self.error(
                    id.span(),
                    format!(
                        "'{}' was withdrawn in NIST CSF 2.0 with no replacement",
                        id.get_ref()
                    ),
                ),
                CsfStatus::Withdrawn { replaced_by } => self.error(
                    id.span(),
                    format!(
                        "'{}' was withdrawn in NIST CSF 2.0; use {}",
                        id.get_ref(),
                        quoted_list(&replaced_by, "or")
                    ),
                ),
                CsfStatus::Unknown => self.error(
                    id.span(),
                    format!(
                        "'{}' is not a NIST CSF 2.0 id (ids are case-sensitive, e.g. 'PR.AA-03')",
                        id.get_ref()
                    ),
                ),
            }
        }
        Refs {
            cis_v8: raw.cis_v8.into_iter().map(Spanned::into_inner).collect(),
            nist_csf_2: raw
                .nist_csf_2
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
        }
    }

    fn links(&mut self, links: Option<Vec<Text>>) -> Vec<String> {
        let links = links.unwrap_or_default();
        for link in &links {
            if !crate::text::is_safe_url(link.get_ref()) {
                self.error(
                    link.span(),
                    format!(
                        "link '{}' must be an http, https or mailto URL",
                        link.get_ref()
                    ),
                );
            }
        }
        links.into_iter().map(Spanned::into_inner).collect()
    }

    fn choices(&mut self, raw: Spanned<Vec<Spanned<RawChoice>>>) -> Vec<Choice> {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.len() < 2 {
            self.error(
                span,
                format!(
                    "a choice question needs at least 2 choices, found {}",
                    raw.len()
                ),
            );
        }
        let mut seen = HashSet::new();
        let mut choices = Vec::with_capacity(raw.len());
        for choice in raw {
            let choice = choice.into_inner();
            self.id("choice", &choice.id);
            if RESERVED_ANSWERS.contains(&choice.id.get_ref().as_str()) {
                self.error(
                    choice.id.span(),
                    format!(
                        "choice id '{}' is reserved for an answer; pick another id",
                        choice.id.get_ref()
                    ),
                );
            }
            if !seen.insert(choice.id.get_ref().clone()) {
                self.error(
                    choice.id.span(),
                    format!("duplicate choice id '{}'", choice.id.get_ref()),
                );
            }
            self.not_blank("choice label", &choice.label);
            let score = *choice.score.get_ref();
            if !(0.0..=1.0).contains(&score) {
                self.error(
                    choice.score.span(),
                    format!("choice score must be from 0 to 1, found '{score}'"),
                );
            }
            choices.push(Choice {
                id: choice.id.into_inner(),
                label: choice.label.into_inner(),
                score,
            });
        }
        choices
    }

    fn ask_if(&mut self, raw: Spanned<RawAskIf>, earlier: &[Question]) -> Option<AskIf> {
        let raw = raw.into_inner();
        let gate_id = raw.question.get_ref();
        let Some(gate) = earlier.iter().position(|q| &q.id == gate_id) else {
            self.error(
                raw.question.span(),
                format!(
                    "ask_if names '{gate_id}', which is not an earlier question of this checklist"
                ),
            );
            return None;
        };
        let possible = earlier[gate].answer_ids();
        if possible.is_empty() {
            self.error(
                raw.question.span(),
                format!(
                    "ask_if names '{gate_id}', a {} question; a gate must be a yes-no or choice question",
                    earlier[gate].kind.name()
                ),
            );
            return None;
        }
        if raw.any_of.get_ref().is_empty() {
            self.error(
                raw.any_of.span(),
                "ask_if.any_of must list at least one answer",
            );
        }
        for answer in raw.any_of.get_ref() {
            if !possible.contains(&answer.get_ref().as_str()) {
                self.error(
                    answer.span(),
                    format!(
                        "'{}' is not an answer '{gate_id}' can give (it gives {})",
                        answer.get_ref(),
                        quoted_list(&possible, "or")
                    ),
                );
            }
        }
        Some(AskIf {
            gate,
            any_of: raw
                .any_of
                .into_inner()
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
        })
    }

    fn question(
        &mut self,
        raw: Spanned<RawQuestion>,
        default_audience: Audience,
        earlier: &[Question],
    ) -> Question {
        let table = raw.span();
        let raw = raw.into_inner();
        self.id("question", &raw.id);
        self.not_blank("prompt", &raw.prompt);
        let kind_name = raw.kind.as_ref().map_or("yes-no", |k| k.get_ref().as_str());
        let kind = match kind_name {
            "yes-no" => Kind::YesNo,
            "choice" => {
                if raw.choices.is_none() {
                    self.error(
                        table.clone(),
                        format!("choice question '{}' has no 'choices'", raw.id.get_ref()),
                    );
                }
                Kind::Choice(Vec::new())
            }
            "text" => Kind::Text,
            "number" => Kind::Number,
            other => {
                let span = raw.kind.as_ref().map_or(table.clone(), Spanned::span);
                self.error(
                    span,
                    format!("unknown kind '{other}': expected yes-no, choice, text or number"),
                );
                Kind::YesNo
            }
        };
        let scored = kind.is_scored();
        let unused = |key: &str| format!("'{key}' does not apply to a {kind_name} question");
        let (severity, weight) = self.severity_and_weight(&raw, scored, table.clone(), kind_name);
        let number = self.number_rules(&raw, kind == Kind::Number, kind_name);
        let guidance = self.guidance(&raw, &kind, kind_name);
        let kind = match (kind, raw.choices) {
            (Kind::Choice(_), Some(choices)) => Kind::Choice(self.choices(choices)),
            (kind, Some(choices)) => {
                self.error(choices.span(), unused("choices"));
                kind
            }
            (kind, None) => kind,
        };
        let ask_if = raw.ask_if.and_then(|a| self.ask_if(a, earlier));
        Question {
            id: raw.id.into_inner(),
            prompt: raw.prompt.into_inner(),
            kind,
            severity,
            weight,
            allow_na: raw.allow_na.is_none_or(Spanned::into_inner),
            why: raw.why.unwrap_or_default(),
            how_to_check: raw.how_to_check.unwrap_or_default(),
            remediation: raw.remediation.unwrap_or_default(),
            evidence: raw.evidence,
            audience: self.audience(raw.audience.as_ref(), default_audience),
            refs: self.refs(raw.refs),
            links: self.links(raw.links),
            ask_if,
            number,
            criteria: guidance.criteria,
            how_to_find_out: raw.how_to_find_out.unwrap_or_default(),
            action: guidance.action,
            checked: guidance.checked,
            partial_credit: guidance.partial_credit,
            tags: guidance.tags,
        }
    }

    /// The severity (required on scored kinds, refused elsewhere) and the effective weight.
    fn severity_and_weight(
        &mut self,
        raw: &RawQuestion,
        scored: bool,
        table: Range<usize>,
        kind_name: &str,
    ) -> (Option<Severity>, f64) {
        let unused = |key: &str| format!("'{key}' does not apply to a {kind_name} question");
        let severity = match &raw.severity {
            Some(s) if !scored => {
                self.error(s.span(), unused("severity"));
                None
            }
            Some(s) => Severity::parse(s.get_ref()).or_else(|| {
                self.error(
                    s.span(),
                    format!(
                        "unknown severity '{}': expected critical, high, medium, low or info",
                        s.get_ref()
                    ),
                );
                Some(Severity::Info)
            }),
            None if scored => {
                self.error(
                    table.clone(),
                    format!("question '{}' is missing 'severity'", raw.id.get_ref()),
                );
                Some(Severity::Info)
            }
            None => None,
        };
        if let (false, Some(w)) = (scored, &raw.weight) {
            self.error(w.span(), unused("weight"));
        }
        if let (false, Some(a)) = (scored, &raw.allow_na) {
            self.error(a.span(), unused("allow_na"));
        }
        let weight = match &raw.weight {
            Some(w) if !w.get_ref().is_finite() || *w.get_ref() < 0.0 => {
                self.error(
                    w.span(),
                    format!(
                        "weight must be a finite number >= 0, found '{}'",
                        w.get_ref()
                    ),
                );
                0.0
            }
            Some(w) if scored => *w.get_ref(),
            _ => severity.map_or(0.0, Severity::weight),
        };
        (severity, weight)
    }

    /// `min`, `max` and `integer`: only on number questions, finite, and `min` not above `max`.
    fn number_rules(&mut self, raw: &RawQuestion, is_number: bool, kind_name: &str) -> NumberRules {
        let (min, max, integer) = (raw.min.as_ref(), raw.max.as_ref(), raw.integer.as_ref());
        let unused = |key: &str| format!("'{key}' does not apply to a {kind_name} question");
        if !is_number {
            for (key, span) in [
                ("min", min.map(Spanned::span)),
                ("max", max.map(Spanned::span)),
                ("integer", integer.map(Spanned::span)),
            ] {
                if let Some(span) = span {
                    self.error(span, unused(key));
                }
            }
            return NumberRules::default();
        }
        let mut bound = |key: &str, value: Option<&Spanned<f64>>| match value {
            Some(v) if !v.get_ref().is_finite() => {
                self.error(
                    v.span(),
                    format!("{key} must be a finite number, found '{}'", v.get_ref()),
                );
                None
            }
            Some(v) => Some(*v.get_ref()),
            None => None,
        };
        let (low, high) = (bound("min", min), bound("max", max));
        if let (Some(low), Some(high), Some(max)) = (low, high, max)
            && low > high
        {
            self.error(max.span(), format!("max '{high}' is below min '{low}'"));
        }
        NumberRules {
            min: low,
            max: high,
            integer: integer.is_some_and(|i| *i.get_ref()),
        }
    }
}

/// `'a', 'b' or 'c'`.
pub fn quoted_list(items: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjunction} {last}", rest.join(", "))
        }
        _ => quoted.concat(),
    }
}

/// The message for a `format` that this posture cannot read, if it is one.
pub fn format_problem(format: i64) -> Option<String> {
    match format {
        FORMAT => None,
        f if f > FORMAT => Some(format!(
            "format '{f}' is made for a newer posture (this one reads format {FORMAT}); update posture to use this checklist"
        )),
        f => Some(format!("format must be {FORMAT}, found '{f}'")),
    }
}

/// Checks a parsed file against every rule and builds the checklist, or lists every problem.
pub fn validate(
    raw: RawChecklist,
    path: &str,
    source: &str,
    origin: Origin,
    sha256: String,
) -> Result<Checklist, Vec<Diagnostic>> {
    let mut check = Checker {
        path,
        source,
        errors: Vec::new(),
    };
    if let Some(problem) = format_problem(*raw.format.get_ref()) {
        return Err(vec![Diagnostic::at(
            path,
            source,
            raw.format.span(),
            problem,
        )]);
    }
    check.id("checklist", &raw.id);
    let version = Version::parse(raw.version.get_ref()).unwrap_or_else(|| {
        check.error(
            raw.version.span(),
            format!(
                "version '{}' must be three-part SemVer such as '1.2.0'",
                raw.version.get_ref()
            ),
        );
        Version {
            major: 0,
            minor: 0,
            patch: 0,
        }
    });
    check.not_blank("title", &raw.title);
    if let Some(summary) = raw.summary.as_ref().filter(|s| s.get_ref().contains('\n')) {
        check.error(summary.span(), "summary must be one line");
    }
    let audience = check.audience(raw.audience.as_ref(), Audience::default());
    if raw.questions.is_empty() {
        check.errors.push(Diagnostic::whole_file(
            path,
            "missing 'questions': a checklist needs at least one [[questions]] table",
        ));
    }
    if raw.questions.len() > MAX_QUESTIONS {
        check.error(
            raw.questions[MAX_QUESTIONS].span(),
            format!(
                "too many questions: '{}' (at most {MAX_QUESTIONS})",
                raw.questions.len()
            ),
        );
        return Err(check.errors);
    }
    let mut questions: Vec<Question> = Vec::with_capacity(raw.questions.len());
    let mut seen: HashSet<String> = HashSet::with_capacity(raw.questions.len());
    for raw_question in raw.questions {
        let id = &raw_question.get_ref().id;
        if !seen.insert(id.get_ref().clone()) {
            check.error(
                id.span(),
                format!("duplicate question id '{}'", id.get_ref()),
            );
        }
        let question = check.question(raw_question, audience, &questions);
        questions.push(question);
    }
    if !check.errors.is_empty() {
        return Err(check.errors);
    }
    Ok(Checklist {
        id: raw.id.into_inner(),
        version,
        title: raw.title.into_inner(),
        summary: raw.summary.map(Spanned::into_inner).unwrap_or_default(),
        description: raw.description.unwrap_or_default(),
        tags: raw.tags,
        questions,
        origin,
        sha256,
    })
}
