package converge.rules.terraform.aws_cloudwatch_log_retention_too_short_test

import rego.v1

import data.converge.rules.terraform.aws_cloudwatch_log_retention_too_short as rule

test_short_and_missing_are_reported_with_their_case if {
	doc := {"resource": {"aws_cloudwatch_log_group": {"a": {}, "b": {"retention_in_days": 30}}}}
	count(rule.findings) == 2 with input as doc
	some a in rule.findings with input as doc
	a.route == ["resource", "aws_cloudwatch_log_group", "a", "retention_in_days"]
	a.case == "missing"
	some b in rule.findings with input as doc
	b.route == ["resource", "aws_cloudwatch_log_group", "b", "retention_in_days"]
	b.case == "short"
}

test_long_never_expire_and_expressions_are_clean if {
	doc := {"resource": {"aws_cloudwatch_log_group": {
		"a": {"retention_in_days": 365},
		"b": {"retention_in_days": 0},
		"c": {"retention_in_days": "${var.days}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
