package converge.rules.terraform.aws_cloudtrail_log_validation_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_cloudtrail_log_validation_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_cloudtrail": {"a": {}, "b": {"enable_log_file_validation": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_cloudtrail", "b", "enable_log_file_validation"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_cloudtrail": {
		"a": {"enable_log_file_validation": true},
		"b": {"enable_log_file_validation": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
