package converge.rules.terraform.aws_rds_multi_az_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_multi_az_disabled as rule

test_single_az_instances_are_reported_with_their_case if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"engine": "postgres"},
		"b": {"engine": "mysql", "multi_az": false},
		"ex": {"engine": "sqlserver-ex"},
		"pinned": {"engine": "postgres", "availability_zone": "eu-west-1a"},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.route[3], f.case] | some f in fs} == {
		["a", "multi_az", "standard"],
		["b", "multi_az", "standard"],
		["ex", "multi_az", "unsupported"],
		["pinned", "multi_az", "zone_pinned"],
	}
}

test_multi_az_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"engine": "postgres", "multi_az": true},
		"b": {"engine": "postgres", "multi_az": "${var.ha}"},
		"c": {"engine": "postgres", "count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
