package converge.rules.terraform.aws_rds_copy_tags_to_snapshot_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_copy_tags_to_snapshot_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_db_instance": {"a": {}, "b": {"copy_tags_to_snapshot": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_db_instance", "b", "copy_tags_to_snapshot"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"copy_tags_to_snapshot": true},
		"b": {"copy_tags_to_snapshot": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_cluster_engines_of_db_instances_are_skipped_but_clusters_are_not if {
	doc := {"resource": {"aws_db_instance": {"n": {"engine": "neptune"}}, "aws_rds_cluster": {"c": {"engine": "aurora"}}}}
	count(rule.findings) == 1 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_rds_cluster", "c", "copy_tags_to_snapshot"]
}
