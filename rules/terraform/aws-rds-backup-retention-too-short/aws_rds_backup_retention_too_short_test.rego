package converge.rules.terraform.aws_rds_backup_retention_too_short_test

import rego.v1

import data.converge.rules.terraform.aws_rds_backup_retention_too_short as rule

test_short_and_default_are_reported if {
	doc := {"resource": {"aws_db_instance": {"a": {"backup_retention_period": 3}}, "aws_rds_cluster": {"c": {}}}}
	count(rule.findings) == 2 with input as doc
}

test_long_variables_and_replicas_are_clean if {
	doc := {"resource": {"aws_db_instance": {
		"a": {"backup_retention_period": 7},
		"b": {"backup_retention_period": "${var.days}"},
		"r": {"replicate_source_db": "main"},
	}}}
	count(rule.findings) == 0 with input as doc
}
