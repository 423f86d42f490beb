package converge.rules.terraform.aws_iam_password_policy_weak_test

import rego.v1

import data.converge.rules.terraform.aws_iam_password_policy_weak as rule

strict := {
	"minimum_password_length": 14,
	"require_lowercase_characters": true,
	"require_uppercase_characters": true,
	"require_numbers": true,
	"require_symbols": true,
	"password_reuse_prevention": 24,
	"max_password_age": 90,
}

test_an_empty_policy_fails_every_requirement if {
	doc := {"resource": {"aws_iam_account_password_policy": {"p": {}}}}
	count(rule.findings) == 7 with input as doc
}

test_each_weak_setting_is_reported_at_its_attribute if {
	weak := object.union(strict, {"minimum_password_length": 8, "require_symbols": false, "max_password_age": 180})
	doc := {"resource": {"aws_iam_account_password_policy": {"p": weak}}}
	routes := {f.route[3] | some f in rule.findings} with input as doc
	routes == {"minimum_password_length", "require_symbols", "max_password_age"}
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_iam_account_password_policy", "p", "minimum_password_length"]
	f.case == "minimum_password_length"
}

test_a_strict_policy_and_expressions_are_clean if {
	doc := {"resource": {"aws_iam_account_password_policy": {
		"p": strict,
		"q": object.union(strict, {"minimum_password_length": "${var.length}", "max_password_age": "${var.age}"}),
	}}}
	count(rule.findings) == 0 with input as doc
}
