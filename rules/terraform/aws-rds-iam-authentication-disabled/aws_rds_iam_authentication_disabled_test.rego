package converge.rules.terraform.aws_rds_iam_authentication_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_iam_authentication_disabled as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_db_instance": {"a": {"engine": "postgres"}, "b": {"engine": "postgres", "iam_database_authentication_enabled": false}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_db_instance", "b", "iam_database_authentication_enabled"]
}

test_true_expressions_and_count_zero_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"engine": "postgres", "iam_database_authentication_enabled": true},
		"b": {"engine": "postgres", "iam_database_authentication_enabled": "${var.flag}"},
		"c": {"engine": "postgres", "count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}

test_other_engines_and_serverless_v1_are_skipped if {
	doc := {"resource": {
		"aws_db_instance": {"m": {"engine": "mariadb"}, "e": {"engine": "${var.engine}"}, "r": {"replicate_source_db": "main"}},
		"aws_rds_cluster": {"s": {"engine": "aurora-mysql", "engine_mode": "serverless"}, "c": {"engine": "aurora-mysql"}},
	}}
	count(rule.findings) == 1 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_rds_cluster", "c", "iam_database_authentication_enabled"]
}
