package converge.rules.terraform.aws_cloudtrail_single_region_test

import rego.v1

import data.converge.rules.terraform.aws_cloudtrail_single_region as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_cloudtrail": {"a": {}, "b": {"is_multi_region_trail": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_cloudtrail", "b", "is_multi_region_trail"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_cloudtrail": {
		"a": {"is_multi_region_trail": true},
		"b": {"is_multi_region_trail": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
