package converge.rules.terraform.aws_rds_instance_publicly_accessible_test

import rego.v1

import data.converge.rules.terraform.aws_rds_instance_publicly_accessible as rule

test_public_is_reported if {
	some f in rule.findings with input as {"resource": {"aws_db_instance": {"d": {"publicly_accessible": true}}}}
	f.route == ["resource", "aws_db_instance", "d", "publicly_accessible"]
}

test_default_is_clean if {
	count(rule.findings) == 0 with input as {"resource": {"aws_db_instance": {"d": {}}}}
}
