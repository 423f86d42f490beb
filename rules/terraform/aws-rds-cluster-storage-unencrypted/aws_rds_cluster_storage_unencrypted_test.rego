package converge.rules.terraform.aws_rds_cluster_storage_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_rds_cluster_storage_unencrypted as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_rds_cluster": {"a": {}, "b": {"storage_encrypted": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_rds_cluster", "b", "storage_encrypted"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_rds_cluster": {
		"a": {"storage_encrypted": true},
		"b": {"storage_encrypted": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_serverless_v1_is_skipped if {
	doc := {"resource": {"aws_rds_cluster": {"s": {"engine_mode": "serverless"}}}}
	count(rule.findings) == 0 with input as doc
}
