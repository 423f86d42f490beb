package converge.rules.terraform.aws_rds_deletion_protection_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_deletion_protection_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_db_instance": {"a": {}, "b": {"deletion_protection": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_db_instance", "b", "deletion_protection"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"deletion_protection": true},
		"b": {"deletion_protection": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
