package converge.rules.terraform.aws_rds_instance_storage_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_rds_instance_storage_unencrypted as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_db_instance": {"a": {}, "b": {"storage_encrypted": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_db_instance", "b", "storage_encrypted"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"storage_encrypted": true},
		"b": {"storage_encrypted": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_read_replicas_are_skipped if {
	doc := {"resource": {"aws_db_instance": {"r": {"replicate_source_db": "${aws_db_instance.main.identifier}"}}}}
	count(rule.findings) == 0 with input as doc
}
