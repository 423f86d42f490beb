# METADATA
# title: EC2 instance allows IMDSv1
# description: |
#   The version 1 instance metadata service answers any HTTP GET, so a server-side request
#   forgery in an application on the instance leaks its IAM credentials. IMDSv2 requires a
#   session token that such requests cannot obtain.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
# custom:
#   id: aws-ec2-instance-metadata-v1-allowed
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_79]
package converge.rules.terraform.aws_ec2_instance_metadata_v1_allowed

import rego.v1

import data.converge.lib.terraform as tf

tokens_required(body) if {
	some m in body.metadata_options
	m.http_tokens == "required"
}

endpoint_disabled(body) if {
	some m in body.metadata_options
	m.http_endpoint == "disabled"
}

findings contains f if {
	some kind in ["aws_instance", "aws_launch_template"]
	some instance in tf.resources(kind)
	not tokens_required(instance.body)
	not endpoint_disabled(instance.body)
	f := {
		"msg": sprintf("%s.%s allows IMDSv1 (http_tokens is not \"required\")", [kind, instance.name]),
		"route": array.concat(instance.route, ["metadata_options", 0, "http_tokens"]),
	}
}
