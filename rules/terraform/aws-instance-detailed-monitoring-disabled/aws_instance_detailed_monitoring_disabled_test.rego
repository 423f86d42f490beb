package converge.rules.terraform.aws_instance_detailed_monitoring_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_instance_detailed_monitoring_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_instance": {"a": {"ami": "ami-1"}, "b": {"ami": "ami-1", "monitoring": false}}}}
	fs := rule.findings with input as doc
	{f.route | some f in fs} == {
		["resource", "aws_instance", "a", "monitoring"],
		["resource", "aws_instance", "b", "monitoring"],
	}
}

test_enabled_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_instance": {
		"a": {"monitoring": true},
		"b": {"monitoring": "true"},
		"c": {"monitoring": "${var.monitoring}"},
		"d": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
