package converge.rules.terraform.aws_elasticache_replication_group_unencrypted_in_transit_test

import rego.v1

import data.converge.rules.terraform.aws_elasticache_replication_group_unencrypted_in_transit as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_elasticache_replication_group": {"a": {}, "b": {"transit_encryption_enabled": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_elasticache_replication_group", "b", "transit_encryption_enabled"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_elasticache_replication_group": {
		"a": {"transit_encryption_enabled": true},
		"b": {"transit_encryption_enabled": "${var.flag}"},
		"c": {"count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_global_datastore_members_are_skipped if {
	doc := {"resource": {"aws_elasticache_replication_group": {"g": {"global_replication_group_id": "${aws_elasticache_global_replication_group.g.id}"}}}}
	count(rule.findings) == 0 with input as doc
}
