# METADATA
# title: EKS cluster API endpoint is reachable from the internet
# description: |
#   With the public endpoint on (the default), the Kubernetes API server of the cluster accepts
#   connections from the whole internet, so a leaked kubeconfig or token, or a vulnerability in
#   the API server, can be used from anywhere. A private endpoint keeps the API inside the VPC.
# related_resources:
#   - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
# custom:
#   id: aws-eks-public-endpoint-enabled
#   target: terraform
#   severity: high
#   checkov: [CKV_AWS_39]
package converge.rules.terraform.aws_eks_public_endpoint_enabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some cluster in tf.live_resources("aws_eks_cluster")
	vpc := tf.first_block(cluster.body, "vpc_config")
	public := object.get(vpc, "endpoint_public_access", true)
	not tf.is_false(public)
	not tf.is_expression(public)
	f := {
		"msg": sprintf("aws_eks_cluster.%s exposes its API endpoint to the internet", [cluster.name]),
		"route": array.concat(cluster.route, ["vpc_config", 0, "endpoint_public_access"]),
		"case": case(vpc),
	}
}

# The private endpoint must be turned on with the public one off; when it comes from an
# expression, converge cannot tell whether it is.
case(vpc) := "private_access_expression" if tf.is_expression(vpc.endpoint_private_access)

else := "public"
