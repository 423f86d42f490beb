package converge.rules.terraform.aws_efs_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_efs_unencrypted as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_efs_file_system": {"a": {}, "b": {"encrypted": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_efs_file_system", "b", "encrypted"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_efs_file_system": {
		"a": {"encrypted": true},
		"b": {"encrypted": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
