package converge.rules.terraform.aws_instance_not_ebs_optimized_test

import rego.v1

import data.converge.rules.terraform.aws_instance_not_ebs_optimized as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_instance": {"a": {}, "b": {"ebs_optimized": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_instance", "b", "ebs_optimized"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_instance": {
		"a": {"ebs_optimized": true},
		"b": {"ebs_optimized": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
