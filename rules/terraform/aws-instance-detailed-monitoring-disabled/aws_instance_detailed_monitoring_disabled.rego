# METADATA
# title: EC2 instance does not enable detailed monitoring
# description: |
#   With basic monitoring, CloudWatch receives the instance's metrics every 5 minutes, too
#   coarse to see short CPU or network spikes or to scale and alarm quickly on them. Detailed
#   monitoring sends them every minute.
# related_resources:
#   - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/manage-detailed-monitoring.html
# custom:
#   id: aws-instance-detailed-monitoring-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_126]
package converge.rules.terraform.aws_instance_detailed_monitoring_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some r in tf.live_resources("aws_instance")
	tf.bool_not_true(r.body, "monitoring")
	f := {
		"msg": sprintf("aws_instance.%s does not enable detailed monitoring", [r.name]),
		"route": array.concat(r.route, ["monitoring"]),
	}
}
