//! JSON Schema for the files and lines other programs exchange with this crate (feature
//! `schema`): the input profile record, the rule set file, and the result line.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::classify::Verdict;
use crate::limits::{
    MAX_ATTRIBUTE_CHARS, MAX_ATTRIBUTES, MAX_BECAUSE_CHARS, MAX_CONDITION_DEPTH,
    MAX_DESCRIPTION_BYTES, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_RULES, MAX_WEIGHT, MIN_WEIGHT,
};
use crate::model::criteria::{Criterion, Lean};
use crate::model::field::Field;
use crate::model::json::Record;
use crate::report::ResultLine;
use crate::rules::RuleSet;

fn nullable_enum(values: &[&str]) -> Value {
    let mut values: Vec<Value> = values.iter().map(|v| json!(v)).collect();
    values.push(Value::Null);
    json!({ "enum": values })
}

fn field_properties() -> serde_json::Map<String, Value> {
    let mut properties = serde_json::Map::new();
    for field in Field::ALL {
        properties.insert(field.name().to_owned(), nullable_enum(field.values()));
    }
    properties
}

fn criterion_names() -> Vec<&'static str> {
    Criterion::ALL.iter().map(|c| c.name()).collect()
}

/// The schema of one input record: a task profile with an optional `id`. (A description is
/// limited to [`MAX_DESCRIPTION_BYTES`] bytes; JSON Schema counts characters, so the schema
/// states the same number as an upper bound on characters.)
impl JsonSchema for Record {
    fn schema_name() -> Cow<'static, str> {
        "TaskProfile".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut properties = field_properties();
        properties.insert(
            "id".into(),
            json!({ "type": ["string", "number", "null"], "description": "the record's id" }),
        );
        properties.insert(
            "name".into(),
            json!({ "type": "string", "minLength": 1, "maxLength": MAX_NAME_CHARS, "pattern": "\\S" }),
        );
        properties.insert(
            "description".into(),
            json!({ "type": ["string", "null"], "maxLength": MAX_DESCRIPTION_BYTES }),
        );
        properties.insert(
            "attributes".into(),
            json!({
                "type": ["object", "null"],
                "maxProperties": MAX_ATTRIBUTES,
                "propertyNames": { "minLength": 1, "maxLength": MAX_ATTRIBUTE_CHARS },
                "additionalProperties": { "type": "string", "maxLength": MAX_ATTRIBUTE_CHARS }
            }),
        );
        json_schema!({
            "title": "Task profile",
            "description": "A business task described by the eight criteria of the BPO/KPO comparison chart; unknown criteria are left out or null",
            "type": "object",
            "required": ["name"],
            "properties": properties,
            "additionalProperties": false
        })
    }
}

impl JsonSchema for RuleSet {
    fn schema_name() -> Cow<'static, str> {
        "RuleSet".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // A field test: one value, a list of values, or (criteria only) a range.
        let mut condition_properties = serde_json::Map::new();
        for field in Field::ALL {
            let values: Vec<&str> = field.values().to_vec();
            let mut forms = vec![
                json!({ "enum": values }),
                json!({ "type": "array", "minItems": 1, "items": { "enum": values } }),
            ];
            if field.is_ordered() {
                forms.push(json!({
                    "type": "object",
                    "minProperties": 1,
                    "properties": { "at_least": { "enum": values }, "at_most": { "enum": values } },
                    "additionalProperties": false
                }));
            }
            condition_properties.insert(field.name().to_owned(), json!({ "oneOf": forms }));
        }
        let list =
            json!({ "type": "array", "minItems": 1, "items": { "$ref": "#/$defs/condition" } });
        condition_properties.insert("all".into(), list.clone());
        condition_properties.insert("any".into(), list);
        condition_properties.insert("not".into(), json!({ "$ref": "#/$defs/condition" }));
        condition_properties.insert(
            "attribute".into(),
            json!({
                "type": "object",
                "required": ["name", "is"],
                "properties": {
                    "name": { "type": "string", "minLength": 1, "maxLength": MAX_ATTRIBUTE_CHARS },
                    "is": { "oneOf": [
                        { "type": "string" },
                        { "type": "array", "minItems": 1, "items": { "type": "string" } }
                    ] }
                },
                "additionalProperties": false
            }),
        );
        let rule = json!({
            "type": "object",
            "required": ["id", "lean", "when", "because"],
            "properties": {
                "id": { "type": "string", "pattern": "^[A-Za-z0-9._-]+$", "maxLength": MAX_ID_CHARS },
                "lean": { "enum": Lean::NAMES },
                "weight": { "type": "number", "minimum": MIN_WEIGHT, "maximum": MAX_WEIGHT },
                "decisive": { "type": "boolean" },
                "when": { "$ref": "#/$defs/condition" },
                "because": { "type": "string", "minLength": 1, "maxLength": MAX_BECAUSE_CHARS }
            },
            "additionalProperties": false
        });
        let rules = json!({ "type": "array", "minItems": 1, "maxItems": MAX_RULES, "items": rule });
        json_schema!({
            "title": "Rule set",
            "description": format!("Weighted rules that classify task profiles as BPO or KPO; conditions nest at most {MAX_CONDITION_DEPTH} levels"),
            "type": "object",
            "required": ["name", "version"],
            "oneOf": [ { "required": ["rule"] }, { "required": ["rules"] } ],
            "properties": {
                "name": { "type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS },
                "version": {
                    "type": "string",
                    "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$"
                },
                "policy": {
                    "type": "object",
                    "properties": {
                        "kpo_at": { "type": "number", "minimum": 0, "maximum": 1 },
                        "bpo_at": { "type": "number", "minimum": 0, "maximum": 1 },
                        "min_coverage": { "type": "number", "minimum": 0, "maximum": 1 }
                    },
                    "additionalProperties": false
                },
                "rule": rules.clone(),
                "rules": rules
            },
            "additionalProperties": false,
            "$defs": {
                "condition": {
                    "type": "object",
                    "minProperties": 1,
                    "properties": condition_properties,
                    "additionalProperties": false
                }
            }
        })
    }
}

/// The schema of one line of `outsourcing classify` output: a result, or the error that
/// replaced an unreadable record.
impl JsonSchema for ResultLine {
    fn schema_name() -> Cow<'static, str> {
        "ResultLine".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let share = json!({ "type": "number", "minimum": 0, "maximum": 1 });
        let criteria = criterion_names();
        let field_names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        let mut question_fields = criteria.clone();
        question_fields.push(Field::ServiceLine.name());
        let change = json!({
            "type": "object",
            "required": ["field", "from", "to"],
            "properties": {
                "field": { "enum": criteria },
                "from": { "type": ["string", "null"] },
                "to": { "type": "string" }
            },
            "additionalProperties": false
        });
        // The input's own columns, carried through from a table.
        let columns = json!({ "type": "object", "additionalProperties": { "type": "string" } });
        let mut flip = serde_json::Map::new();
        for verdict in Verdict::NAMES {
            flip.insert(
                verdict.to_owned(),
                json!({ "oneOf": [ { "type": "array", "items": change }, { "type": "null" }, { "const": "cut_short" } ] }),
            );
        }
        let result = json!({
            "type": "object",
            "required": ["id", "name", "verdict", "kpo_share", "confidence", "coverage",
                         "rule_set", "profile", "inferred", "evidence", "missing"],
            "properties": {
                "id": { "type": ["string", "null"] },
                "name": { "type": "string" },
                "verdict": { "enum": Verdict::NAMES },
                "kpo_share": share,
                "confidence": share,
                "coverage": share,
                "rule_set": { "type": "string" },
                "profile": {
                    "type": "object",
                    "properties": field_properties(),
                    "additionalProperties": { "type": "object" }
                },
                "inferred": { "type": "array", "items": { "enum": field_names } },
                "hits": { "type": "array", "items": {
                    "type": "object",
                    "required": ["source", "span", "term", "language", "field", "value", "negated", "weight"],
                    "properties": {
                        "source": { "enum": ["name", "description", "text"] },
                        "span": { "type": "array", "items": { "type": "integer", "minimum": 0 }, "minItems": 2, "maxItems": 2 },
                        "term": { "type": "string" },
                        "language": { "type": "string" },
                        "field": { "enum": field_names },
                        "value": { "type": ["string", "null"] },
                        "negated": { "type": "boolean" },
                        "weight": { "type": "number" },
                        "section": { "type": "string" }
                    },
                    "additionalProperties": false
                } },
                "evidence": { "type": "array", "items": {
                    "type": "object",
                    "required": ["rule", "lean", "weight", "because"],
                    "properties": {
                        "rule": { "type": "string" },
                        "lean": { "enum": Lean::NAMES },
                        "weight": { "type": "number", "exclusiveMinimum": 0 },
                        "because": { "type": "string" }
                    },
                    "additionalProperties": false
                } },
                "missing": { "type": "array", "items": { "enum": criteria } },
                "settled": { "type": ["boolean", "null"] },
                "next_question": { "oneOf": [ { "enum": question_fields }, { "type": "null" } ] },
                "flip": { "type": "object", "properties": flip, "additionalProperties": false },
                "cut_short": { "const": true },
                "columns": columns.clone()
            },
            "additionalProperties": false
        });
        let error = json!({
            "type": "object",
            "required": ["id", "line", "error"],
            "properties": {
                "id": { "type": ["string", "null"] },
                "name": { "type": "string" },
                "line": { "type": "integer", "minimum": 0 },
                "error": { "type": "string" },
                "columns": columns
            },
            "additionalProperties": false
        });
        json_schema!({
            "title": "Result line",
            "description": "One line of `outsourcing classify` JSON Lines output: a classification, or an error in place of an unreadable record",
            "oneOf": [result, error]
        })
    }
}

/// The JSON Schema of an input record (a task profile with an optional `id`).
#[must_use]
pub fn profile_schema() -> Value {
    schemars::schema_for!(Record).to_value()
}

/// The JSON Schema of a rule set file (TOML or JSON; TOML maps to the same structure).
#[must_use]
pub fn rules_schema() -> Value {
    schemars::schema_for!(RuleSet).to_value()
}

/// The JSON Schema of one `outsourcing classify` output line.
#[must_use]
pub fn result_schema() -> Value {
    schemars::schema_for!(ResultLine).to_value()
}
