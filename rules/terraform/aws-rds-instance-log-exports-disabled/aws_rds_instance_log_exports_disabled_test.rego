package converge.rules.terraform.aws_rds_instance_log_exports_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_rds_instance_log_exports_disabled as rule

test_each_engine_family_gets_its_case if {
	doc := {"resource": {"aws_db_instance": {
		"pg": {"engine": "postgres"},
		"my": {"engine": "mysql", "enabled_cloudwatch_logs_exports": []},
		"maria": {"engine": "mariadb", "enabled_cloudwatch_logs_exports": null},
		"ora": {"engine": "oracle-se2"},
		"ms": {"engine": "sqlserver-se"},
		"ex": {"engine": "sqlserver-ex"},
		"db2": {"engine": "db2-se"},
		"var": {"engine": "${var.engine}"},
		"replica": {"replicate_source_db": "${aws_db_instance.pg.identifier}"},
	}}}
	fs := rule.findings with input as doc
	{[f.route[2], f.case] | some f in fs} == {
		["pg", "postgres"],
		["my", "mysql"],
		["maria", "mysql"],
		["ora", "oracle"],
		["ms", "sqlserver"],
		["ex", "sqlserver_express"],
		["db2", "unknown"],
		["var", "unknown"],
		["replica", "unknown"],
	}
	some f in fs
	f.route == ["resource", "aws_db_instance", "pg", "enabled_cloudwatch_logs_exports"]
}

test_any_export_or_expression_is_clean if {
	doc := {"resource": {"aws_db_instance": {
		"pg": {"engine": "postgres", "enabled_cloudwatch_logs_exports": ["postgresql"]},
		"var": {"engine": "mysql", "enabled_cloudwatch_logs_exports": "${var.log_types}"},
		"off": {"engine": "mysql", "count": 0},
	}}}
	count(rule.findings) == 0 with input as doc
}
