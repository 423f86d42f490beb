package converge.rules.terraform.aws_redshift_cluster_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_redshift_cluster_unencrypted as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_redshift_cluster": {"a": {}, "b": {"encrypted": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_redshift_cluster", "b", "encrypted"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_redshift_cluster": {
		"a": {"encrypted": true},
		"b": {"encrypted": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
